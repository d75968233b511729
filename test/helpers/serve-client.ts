import WebSocket from 'ws';
import { msg, type MessageRef } from '../../src/shared/messages/catalogue';
import { englishOf } from '../../src/shared/messages/plain-formats';
import type { OperationName, RequestOf, ResultOf, WirebenchEvent } from '../../src/shared/contract';
import type { EventBatch } from '../../src/shared/contract/events';
import type { Result } from '../../src/shared/contract/result';
import { decodeMessage, encodeMessage } from '../../src/shared/wire/binary-json';
import type { ServeProcess } from './serve-process';

/** The real server process (`out/main/serve.js`) driven over its WebSocket, as the page drives it. */
export interface ServeClient {
  /** The call's result; a socket that closed (the process died) resolves to an error. */
  call<K extends OperationName>(op: K, request: RequestOf<K>): Promise<Result<ResultOf<K>>>;
  /** The value of a call that must succeed. */
  must<K extends OperationName>(op: K, request: RequestOf<K>): Promise<ResultOf<K>>;
  /** Every event the server sent this client, in order (each batch is acknowledged). */
  events: WirebenchEvent[];
  close(): void;
}

type Incoming =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'events'; batch: EventBatch }
  | { kind: 'error'; message: MessageRef };

/**
 * Opens the server's WebSocket as its own page would (token, Origin) and
 * speaks the same binary messages; every event batch is kept and
 * acknowledged, so flow control never holds the server back.
 */
export async function connectServe(
  serve: Pick<ServeProcess, 'origin' | 'token'> & Partial<Pick<ServeProcess, 'child'>>,
): Promise<ServeClient> {
  const url = `${serve.origin.replace('http', 'ws')}/ws?token=${serve.token}`;
  const ws = new WebSocket(url, { headers: { origin: serve.origin } });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const events: WirebenchEvent[] = [];
  let nextId = 1;
  // A test-side failure, said with the nearest message the window would show.
  const lost = (why: string): void => {
    const message = msg('app.failed', { detail: why });
    for (const settle of pending.values())
      settle({ ok: false, error: { code: 'internal', message } });
    pending.clear();
  };
  ws.on('message', (data: Buffer) => {
    const message = decodeMessage(new Uint8Array(data)) as Incoming;
    if (message.kind === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.kind === 'events') {
      events.push(...message.batch.events);
      // Acknowledge like a window does, so the server keeps sending.
      ws.send(
        encodeMessage({
          kind: 'call',
          id: 0,
          op: 'ackEvents',
          payload: { seq: message.batch.seq },
        }),
      );
    }
  });
  ws.on('close', () =>
    lost(`the server's socket closed (process exit code ${serve.child?.exitCode})`),
  );
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
  });
  const call = (op: string, payload: unknown): Promise<Result<unknown>> => {
    if (ws.readyState !== WebSocket.OPEN) {
      const message = msg('app.not-connected', {});
      return Promise.resolve({ ok: false, error: { code: 'internal', message } });
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(encodeMessage({ kind: 'call', id, op, payload }));
    });
  };
  return {
    call: call as ServeClient['call'],
    must: async (op, request) => {
      const result = await call(op, request);
      if (!result.ok) throw new Error(`${op} failed: ${englishOf(result.error.message)}`);
      return result.value as never;
    },
    events,
    close: () => ws.close(),
  };
}

/** One call to a running browser mode, on a socket of its own: proof that it still answers. */
export async function callServe(
  serve: Pick<ServeProcess, 'origin' | 'token'>,
  op: OperationName,
  payload: unknown,
): Promise<Result<unknown>> {
  const client = await connectServe(serve);
  try {
    return await client.call(op, payload as never);
  } finally {
    client.close();
  }
}
