import { afterEach, beforeEach, vi } from 'vitest';
import type { Chunk, EndpointInfo, EventBatch } from '../../src/shared/contract';
import { emptyCounters } from '../../src/shared/contract';
import type { BatcherOptions } from '../../src/main/core/batcher-options';
import { EventBatcher } from '../../src/main/core/event-batcher';
import { CaptureLog } from '../../src/main/engine/capture/capture-log';

/**
 * The EventBatcher between the engine and one window, on vitest's fake
 * clock: small caps so a test reaches them quickly, a real capture log
 * the batcher reads its chunks from (a new one for each harness unless a
 * test shares one), and what the window was sent, tallied.
 */
export const OPTIONS: BatcherOptions = {
  intervalMs: 33,
  maxInflight: 4,
  maxPendingBytes: 1024 * 1024,
  maxBatchBytes: 256 * 1024,
  maxBatchChunks: 4096,
  maxPendingEvents: 100,
  maxPeersPerBatch: 1000,
};

export const PAYLOAD = new Uint8Array(4096);

export interface Harness {
  batcher: EventBatcher;
  batches: EventBatch[];
  counters: ReturnType<typeof emptyCounters>;
  log: CaptureLog;
  /** Records a chunk as an endpoint does: into the log, and the batcher told. */
  offer(endpointId?: string, data?: Uint8Array): Chunk;
}

export function harness(
  options = OPTIONS,
  log = new CaptureLog(),
  /** Sees each batch as it is delivered (the transports encode it then). */
  onDeliver: (batch: EventBatch) => void = () => undefined,
): Harness {
  const batches: EventBatch[] = [];
  const counters = emptyCounters();
  const info = (id: string): EndpointInfo => ({
    id,
    spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0, ipv6Only: false, backlog: 511 },
    state: 'listening',
    local: null,
    message: null,
    peerCount: 0,
    counters: { ...counters },
    openedAt: 0,
  });
  const deliver = (b: EventBatch): void => {
    onDeliver(b);
    batches.push(b);
  };
  const source = { ids: () => [], info, peerChanges: () => null };
  const batcher = new EventBatcher(deliver, source, options, log);
  const offer = (endpointId = 'e1', data = PAYLOAD): Chunk => {
    const stored = log.append({ endpointId, peerId: 'p1', dir: 'rx', time: 1, data });
    batcher.chunk(endpointId);
    return stored;
  };
  return { batcher, batches, counters, log, offer };
}

/** Every chunk delivered so far, and the skipped totals reported so far. */
export function tally(batches: EventBatch[]): {
  delivered: Chunk[];
  skipped: { chunks: number; bytes: number };
} {
  const delivered: Chunk[] = [];
  const skipped = { chunks: 0, bytes: 0 };
  for (const b of batches) {
    for (const e of b.events) {
      if (e.type === 'chunks') delivered.push(...e.chunks);
      if (e.type === 'skipped') {
        skipped.chunks += e.chunks;
        skipped.bytes += e.bytes;
      }
    }
  }
  return { delivered, skipped };
}

/** Fake timers in each test. */
export function useFakeClock(): void {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());
}
