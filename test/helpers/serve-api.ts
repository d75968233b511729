import WebSocket from 'ws';
import type { OperationName, RequestOf, ResultOf, WirebenchEvent } from '../../src/shared/contract';
import type { Result } from '../../src/shared/contract/result';
import { decodeMessage, encodeMessage } from '../../src/shared/wire/binary-json';
import type { ServeProcess } from './serve-process';

/** A test's own window onto a running browser-mode server: calls, and every event it was sent. */
export interface ServeApi {
  call<K extends OperationName>(op: K, request: RequestOf<K>): Promise<Result<ResultOf<K>>>;
  events: WirebenchEvent[];
  close(): void;
}

type Incoming =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'events'; batch: { seq: number; events: WirebenchEvent[] } }
  | { kind: 'error'; message: string };

/**
 * Opens the server's WebSocket as its own page would (token, Origin) and
 * speaks the same binary messages; every event batch is acknowledged, so
 * flow control never holds the server back.
 */
export async function connectServeApi(serve: ServeProcess): Promise<ServeApi> {
  const ws = new WebSocket(`${serve.origin.replace(/^http/, 'ws')}/ws?token=${serve.token}`, {
    headers: { origin: serve.origin },
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const events: WirebenchEvent[] = [];
  let nextId = 1;
  const send = (op: string, payload: unknown): Promise<Result<unknown>> => {
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(encodeMessage({ kind: 'call', id, op, payload }));
    });
  };
  ws.on('message', (raw: Buffer) => {
    const message = decodeMessage(new Uint8Array(raw)) as Incoming;
    if (message.kind === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.kind === 'events') {
      events.push(...message.batch.events);
      void send('ackEvents', { seq: message.batch.seq });
    }
  });
  return {
    call: (op, request) => send(op, request) as never,
    events,
    close: () => ws.close(),
  };
}
