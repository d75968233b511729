import type { WirebenchApi } from '../../src/shared/contract/api';
import type { EventBatch, WirebenchEvent } from '../../src/shared/contract/events';
import { OPERATION_NAMES } from '../../src/shared/contract/operation-names';
import type { Result } from '../../src/shared/contract/result';
import { decodeMessage, encodeMessage } from '../../src/shared/wire/binary-json';
import { createBackend, type Backend } from '../../src/main/core/backend';
import type { BatcherOptions } from '../../src/main/core/batcher-options';

/**
 * The router over an in-memory transport pair (as VS Code tests its IPC):
 * every call and every event batch is encoded to bytes and decoded on the
 * other side, exactly as the WebSocket carries them, so the bridge is
 * tested without Electron or a browser.
 */
export interface InMemoryApi {
  api: WirebenchApi;
  backend: Backend;
  /** Every event delivered so far, in order (batches are acknowledged at once). */
  events: WirebenchEvent[];
  /** Sends a raw, unchecked call, as a hostile or buggy page could. */
  raw(op: unknown, payload: unknown): Promise<Result<unknown>>;
  close(): Promise<void>;
}

export function createInMemoryApi(
  options: {
    logBudgetBytes?: number;
    batcher?: BatcherOptions;
    autoAck?: boolean;
    dataDir?: string;
    scanJobLimitMs?: number;
  } = {},
): InMemoryApi {
  const backend = createBackend({ version: 'test', mode: 'browser' }, options);
  const events: WirebenchEvent[] = [];
  const listeners = new Set<(batch: EventBatch) => void>();
  const subscription = backend.router.subscribe((batch) => {
    const delivered = decodeMessage(encodeMessage(batch)) as EventBatch;
    events.push(...delivered.events);
    for (const l of listeners) l(delivered);
    if (options.autoAck !== false) subscription.ack(delivered.seq);
  });

  const raw = async (op: unknown, payload: unknown): Promise<Result<unknown>> => {
    const wire = decodeMessage(encodeMessage({ op, payload })) as { op: unknown; payload: unknown };
    const result = await backend.router.handle(wire.op, wire.payload, subscription);
    return decodeMessage(encodeMessage(result)) as Result<unknown>;
  };

  const api: Record<string, unknown> = {};
  for (const name of OPERATION_NAMES) api[name] = (request: unknown) => raw(name, request);
  api.onEvents = (listener: (batch: EventBatch) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  return {
    api: api as WirebenchApi,
    backend,
    events,
    raw,
    close: async () => {
      subscription.dispose();
      await backend.dispose();
    },
  };
}
