import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Chunk, EventBatch } from '../../../src/shared/contract';
import { EventBatcher, type BatcherOptions } from '../../../src/main/core/event-batcher';
import { CHUNK_OVERHEAD_BYTES } from '../../../src/main/engine/capture/capture-log';

/**
 * A device that sends empty (or one-byte) UDP datagrams makes chunks that
 * carry no bytes but still cost a Chunk and its view each. Counted by their
 * bytes alone, a window that was behind let them pile up without end (an
 * empty chunk weighed nothing against the 16 MiB cap) and a batch took all
 * of them at once. Each chunk weighs its bytes plus what the capture log
 * says a chunk costs beyond them.
 */
const OPTIONS: BatcherOptions = {
  intervalMs: 33,
  maxInflight: 4,
  maxPendingBytes: 1024 * 1024,
  maxBatchBytes: 256 * 1024,
  // Above what the bytes allow, so the weight of a chunk is what bounds a batch here.
  maxBatchChunks: 1_000_000,
  maxPendingEvents: 100,
  maxPeersPerBatch: 1000,
};
const NO_ENDPOINTS = { ids: () => [], info: () => null, peerChanges: () => null };

const EMPTY = new Uint8Array(0);
let seq = 0;
const emptyWithSeq = (s: number): Chunk => ({
  seq: s,
  endpointId: 'e1',
  peerId: 'p1',
  dir: 'rx',
  time: 1,
  data: EMPTY,
});
const empty = (): Chunk => emptyWithSeq(seq++);

function chunksIn(batch: EventBatch): number {
  return batch.events.reduce((n, e) => n + (e.type === 'chunks' ? e.chunks.length : 0), 0);
}

function skippedIn(batches: EventBatch[]): number {
  let n = 0;
  for (const b of batches) for (const e of b.events) if (e.type === 'skipped') n += e.chunks;
  return n;
}

beforeEach(() => {
  vi.useFakeTimers();
  seq = 0;
});
afterEach(() => vi.useRealTimers());

describe('EventBatcher with chunks that carry (almost) no bytes', () => {
  const capChunks = Math.ceil(OPTIONS.maxPendingBytes / CHUNK_OVERHEAD_BYTES);
  const batchChunks = Math.ceil(OPTIONS.maxBatchBytes / CHUNK_OVERHEAD_BYTES) + 1;

  it('a window that never acks holds a bounded number of empty chunks', () => {
    const batches: EventBatch[] = [];
    const batcher = new EventBatcher((b) => batches.push(b), NO_ENDPOINTS, OPTIONS, emptyWithSeq);
    let maxPending = 0;
    const offered = 200_000;
    for (let i = 0; i < offered; i++) {
      batcher.chunk(empty());
      maxPending = Math.max(maxPending, batcher.stats().pendingChunks);
      if (i % 1000 === 0) vi.advanceTimersByTime(40);
    }
    vi.advanceTimersByTime(1000);
    expect(batches).toHaveLength(OPTIONS.maxInflight);
    expect(maxPending).toBeLessThanOrEqual(capChunks);
    // What the window was not sent is counted once it acks, never lost.
    for (let round = 0; round < 1000 && batcher.stats().pendingChunks > 0; round++) {
      batcher.ack(batches[batches.length - 1]!.seq);
      vi.advanceTimersByTime(40);
    }
    batcher.ack(batches[batches.length - 1]!.seq);
    vi.advanceTimersByTime(40);
    const delivered = batches.reduce((n, b) => n + chunksIn(b), 0);
    expect(delivered + skippedIn(batches)).toBe(offered);
    batcher.dispose();
  });

  it('one batch carries a bounded number of them', () => {
    const batches: EventBatch[] = [];
    const batcher = new EventBatcher((b) => batches.push(b), NO_ENDPOINTS, OPTIONS, emptyWithSeq);
    for (let i = 0; i < 50_000; i++) batcher.chunk(empty());
    vi.advanceTimersByTime(1000);
    expect(batches.length).toBeGreaterThan(0);
    for (const b of batches) expect(chunksIn(b)).toBeLessThanOrEqual(batchChunks);
    batcher.dispose();
  });
});
