import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { WirebenchApi } from '../shared/contract/api';
import type { EventBatch } from '../shared/contract/events';
import {
  CHANNEL_PREFIX,
  EVENTS_CHANNEL,
  OPERATION_NAMES,
} from '../shared/contract/operation-names';

/**
 * The whole bridge: one function per operation of the contract and one
 * event subscription. No ipcRenderer, no channel names, no event objects
 * cross into the page.
 */
export function buildApi(): WirebenchApi {
  const api: Record<string, unknown> = {};
  for (const name of OPERATION_NAMES) {
    api[name] = (request: unknown) => ipcRenderer.invoke(`${CHANNEL_PREFIX}${name}`, request);
  }
  api.onEvents = (listener: (batch: EventBatch) => void) => {
    const handler = (_event: IpcRendererEvent, batch: EventBatch): void => listener(batch);
    ipcRenderer.on(EVENTS_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENTS_CHANNEL, handler);
    };
  };
  return Object.freeze(api) as WirebenchApi;
}

contextBridge.exposeInMainWorld('wirebench', buildApi());
