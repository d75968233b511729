import { createBackend, type Backend } from '../../src/main/core/backend';
import { PayloadFileRegistry } from '../../src/main/payload/file-registry';
import type { EventOf, Result } from '../../src/shared/contract';
import { must } from './result';
import { startTcpSink, type TcpSink } from './tcp-sink';

/** What a test file tears down after each test, last first. */
export type Cleanup = Array<() => Promise<void>>;

export interface SendBackend {
  backend: Backend;
  files: PayloadFileRegistry;
  /** The value of a call that must succeed. */
  call<T>(op: string, payload: unknown): Promise<T>;
  /** Every send-progress event, as a window gets them (each batch acknowledged). */
  progress: Array<EventOf<'send-progress'>>;
}

/** The real router and engine with payload files, for the send tests; torn down by `cleanup`. */
export function sendBackend(cleanup: Cleanup): SendBackend {
  const files = new PayloadFileRegistry();
  const backend: Backend = createBackend({ version: 't', mode: 'browser', payloadFiles: files });
  cleanup.push(() => backend.dispose());
  const progress: Array<EventOf<'send-progress'>> = [];
  const subscription = backend.router.subscribe((batch) => {
    for (const e of batch.events) if (e.type === 'send-progress') progress.push(e);
    subscription.ack(batch.seq);
  });
  cleanup.push(async () => subscription.dispose());
  const call = <T>(op: string, payload: unknown): Promise<T> =>
    must(backend.router.handle(op, payload) as Promise<Result<T>>);
  return { backend, files, call, progress };
}

/** A TCP sink (tcp-sink.ts) closed by `cleanup`. */
export async function sendSink(
  cleanup: Cleanup,
  options: Parameters<typeof startTcpSink>[0] = {},
): Promise<TcpSink> {
  const s = await startTcpSink(options);
  cleanup.push(() => s.close());
  return s;
}
