import type { WirebenchApi } from '../../shared/contract/api';
import type { EventBatch } from '../../shared/contract/events';
import { OPERATION_NAMES } from '../../shared/contract/operation-names';
import type { Result } from '../../shared/contract/result';
import { msg, type MessageRef } from '../../shared/messages/catalogue';
import { decodeMessage, encodeMessage } from '../../shared/wire/binary-json';
import { describe } from '../i18n/describe';

type Incoming =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'events'; batch: EventBatch }
  | { kind: 'error'; message: MessageRef };

/**
 * The browser mode's `window.wirebench`: the same functions as the preload
 * bridge, carried over the WebSocket of `npm run serve`. A call made while
 * the socket is down fails, saying so, instead of hanging.
 */
export function createWebSocketApi(url: string): WirebenchApi & { ready: Promise<void> } {
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<(batch: EventBatch) => void>();
  let nextId = 1;
  let closedReason: MessageRef | null = null;

  const ready = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('close', (event) => {
      closedReason =
        event.code === 1006
          ? msg('app.disconnected-lost', {})
          : msg('app.disconnected', { code: String(event.code) });
      reject(new Error(closedReason.code));
      for (const settle of pending.values())
        settle({ ok: false, error: { code: 'internal', message: closedReason } });
      pending.clear();
    });
  });
  ready.catch(() => undefined);

  socket.addEventListener('message', (event: MessageEvent<ArrayBuffer>) => {
    const message = decodeMessage(new Uint8Array(event.data)) as Incoming;
    if (message.kind === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.kind === 'events') {
      for (const listener of listeners) listener(message.batch);
    } else {
      console.error('wirebench:', describe(message.message));
    }
  });

  const call = async (op: string, payload: unknown): Promise<Result<unknown>> => {
    await ready.catch(() => undefined);
    if (closedReason || socket.readyState !== WebSocket.OPEN) {
      return {
        ok: false,
        error: { code: 'internal', message: closedReason ?? msg('app.not-connected', {}) },
      };
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      socket.send(encodeMessage({ kind: 'call', id, op, payload }));
    });
  };

  const api: Record<string, unknown> = { ready };
  for (const name of OPERATION_NAMES) api[name] = (request: unknown) => call(name, request);
  api.onEvents = (listener: (batch: EventBatch) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return api as WirebenchApi & { ready: Promise<void> };
}
