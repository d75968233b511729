import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNEL_PREFIX, EVENTS_CHANNEL, OPERATION_NAMES, fail } from '../../shared/contract';
import { decodeMessage, encodeMessage } from '../../shared/wire/binary-json';
import { encodeEventBatch } from '../../shared/wire/event-wire';
import { MAX_REQUEST_MESSAGE_BYTES } from '../../shared/wire/limits';
import { msg } from '../../shared/messages/catalogue';
import { malformedRequest, notAMessage, requestTooLarge } from '../../shared/wire/wire-errors';
import type { Router, Subscription } from '../core/router';

/**
 * The Electron transport: one ipcMain handler per operation under our one
 * prefix. A request is served only when it comes from the main frame of a
 * window we made, showing our own origin (VS Code's ipcMain.ts checks).
 *
 * It carries what the WebSocket carries: each result and each event batch
 * is ONE message made by encodeMessage (a batch by encodeEventBatch, which
 * makes the same message faster). Electron's serializer, like
 * structuredClone, copies a typed array's whole underlying buffer, and the
 * chunks of a batch or a readLog result are views of the capture log's
 * 4 MiB slabs; the encoded message is a fresh buffer of exactly its size.
 *
 * Requests are encoded too (by the preload), although they are the page's
 * own small objects: then main decodes both transports' requests with the
 * same decoder, so the router only ever sees JSON values and Uint8Arrays
 * (never a Map, a Date, a BigInt or a cyclic graph, which structured clone
 * would carry), and the property test over the wire covers this path too.
 * The cost is one more copy of a send's bytes in the preload.
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
    ipcMain.handle(`${CHANNEL_PREFIX}${name}`, async (event, request: unknown) => {
      if (!trusted(event)) {
        return encodeMessage(fail('invalid-request', msg('request.not-from-window', {})));
      }
      let payload: unknown;
      try {
        if (!(request instanceof Uint8Array)) throw notAMessage();
        if (request.byteLength > MAX_REQUEST_MESSAGE_BYTES) {
          throw requestTooLarge(request.byteLength);
        }
        payload = decodeMessage(request);
      } catch (err) {
        return encodeMessage(fail('invalid-request', malformedRequest(err)));
      }
      const sub = subscriptions.get(event.sender.id) ?? null;
      return encodeMessage(await router.handle(name, payload, sub));
    });
  }

  /** Events flow to a window from its first load; a reload starts a fresh stream. */
  function attach(contents: WebContents): void {
    const subscribe = (): void => {
      subscriptions.get(contents.id)?.dispose();
      subscriptions.set(
        contents.id,
        router.subscribe((batch) => {
          // Encoded now, while every chunk is still in the log's slabs.
          if (!contents.isDestroyed()) contents.send(EVENTS_CHANNEL, encodeEventBatch(batch));
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
