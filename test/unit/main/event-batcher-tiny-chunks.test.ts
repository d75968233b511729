import { describe, expect, it, vi } from 'vitest';
import { CHUNK_OVERHEAD_BYTES } from '../../../src/main/engine/capture/capture-log';
import { OPTIONS, harness, tally, useFakeClock } from '../../helpers/batcher-harness';

/**
 * A device that sends empty (or one-byte) UDP datagrams makes chunks that
 * carry no bytes but still cost a Chunk and its view each. Counted by their
 * bytes alone, a window that was behind let them pile up without end (an
 * empty chunk weighed nothing against the 16 MiB cap) and a batch took all
 * of them at once. Each chunk weighs its bytes plus what the capture log
 * says a chunk costs beyond them.
 */
// Above what the bytes allow, so the weight of a chunk is what bounds a batch here.
const MANY_CHUNKS = { ...OPTIONS, maxBatchChunks: 1_000_000 };

const EMPTY = new Uint8Array(0);

useFakeClock();

describe('EventBatcher with chunks that carry (almost) no bytes', () => {
  const capChunks = Math.ceil(OPTIONS.maxPendingBytes / CHUNK_OVERHEAD_BYTES);
  const batchChunks = Math.ceil(OPTIONS.maxBatchBytes / CHUNK_OVERHEAD_BYTES) + 1;

  it('a window that never acks holds a bounded number of empty chunks', () => {
    const { batcher, batches, offer } = harness(MANY_CHUNKS);
    let maxPending = 0;
    const offered = 200_000;
    for (let i = 0; i < offered; i++) {
      offer('e1', EMPTY);
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
    const { delivered, skipped } = tally(batches);
    expect(delivered.length + skipped.chunks).toBe(offered);
    batcher.dispose();
  });

  it('one batch carries a bounded number of them', () => {
    const { batcher, batches, offer } = harness(MANY_CHUNKS);
    for (let i = 0; i < 50_000; i++) offer('e1', EMPTY);
    vi.advanceTimersByTime(1000);
    expect(batches.length).toBeGreaterThan(0);
    for (const b of batches) expect(tally([b]).delivered.length).toBeLessThanOrEqual(batchChunks);
    batcher.dispose();
  });
});
