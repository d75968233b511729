import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { WirebenchApi } from '../shared/contract/api';
import type { EventBatch } from '../shared/contract/events';
import type { Result } from '../shared/contract/result';
import {
  CHANNEL_PREFIX,
  EVENTS_CHANNEL,
  OPERATION_NAMES,
} from '../shared/contract/operation-names';
import { decodeMessage, encodeMessage } from '../shared/wire/binary-json';
import { unencodable } from '../shared/wire/wire-errors';

/**
 * The whole bridge: one function per operation of the contract and one
 * event subscription. No ipcRenderer, no channel names, no event objects
 * cross into the page. Requests, results and event batches cross IPC as
 * messages of the same binary format the browser mode's WebSocket carries
 * (see main/electron/ipc-transport.ts for why).
 */
export function buildApi(): WirebenchApi {
  const api: Record<string, unknown> = {};
  for (const name of OPERATION_NAMES) {
    api[name] = async (request: unknown): Promise<Result<unknown>> => {
      let message: Uint8Array;
      try {
        message = encodeMessage(request);
      } catch (err) {
        // A request JSON cannot carry (a cycle, a BigInt) is the page's mistake, said as one.
        return { ok: false, error: { code: 'invalid-request', message: unencodable(err) } };
      }
      const reply: unknown = await ipcRenderer.invoke(`${CHANNEL_PREFIX}${name}`, message);
      return decodeMessage(reply as Uint8Array) as Result<unknown>;
    };
  }
  api.onEvents = (listener: (batch: EventBatch) => void) => {
    const handler = (_event: IpcRendererEvent, message: Uint8Array): void =>
      listener(decodeMessage(message) as EventBatch);
    ipcRenderer.on(EVENTS_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENTS_CHANNEL, handler);
    };
  };
  return Object.freeze(api) as WirebenchApi;
}

contextBridge.exposeInMainWorld('wirebench', buildApi());
