import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNEL_PREFIX, EVENTS_CHANNEL, OPERATION_NAMES, fail } from '../../shared/contract';
import type { Router, Subscription } from '../core/router';
import { ownedBytes } from './owned-bytes';

/**
 * The Electron transport: one ipcMain handler per operation under our one
 * prefix. A request is served only when it comes from the main frame of a
 * window we made, showing our own origin (VS Code's ipcMain.ts checks).
 */
export function registerIpc(router: Router, isAppUrl: (url: string) => boolean) {
  const subscriptions = new Map<number, Subscription>();

  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    return (
      subscriptions.has(event.sender.id) &&
      frame !== null &&
      frame === event.sender.mainFrame &&
      isAppUrl(frame.url)
    );
  };

  for (const name of OPERATION_NAMES) {
    ipcMain.handle(`${CHANNEL_PREFIX}${name}`, async (event, payload: unknown) => {
      if (!trusted(event)) {
        return fail('invalid-request', 'Refused: the request did not come from a Wirebench window');
      }
      return ownedBytes(
        await router.handle(name, payload, subscriptions.get(event.sender.id) ?? null),
      );
    });
  }

  /** Events flow to a window from its first load; a reload starts a fresh stream. */
  function attach(contents: WebContents): void {
    const subscribe = (): void => {
      subscriptions.get(contents.id)?.dispose();
      subscriptions.set(
        contents.id,
        router.subscribe((batch) => {
          if (!contents.isDestroyed()) contents.send(EVENTS_CHANNEL, ownedBytes(batch));
        }),
      );
    };
    subscribe();
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) subscribe();
    });
    contents.once('destroyed', () => {
      subscriptions.get(contents.id)?.dispose();
      subscriptions.delete(contents.id);
    });
  }

  function dispose(): void {
    for (const name of OPERATION_NAMES) ipcMain.removeHandler(`${CHANNEL_PREFIX}${name}`);
    for (const s of subscriptions.values()) s.dispose();
    subscriptions.clear();
  }

  return { attach, dispose };
}
