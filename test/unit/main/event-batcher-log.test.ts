import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventBatch } from '../../../src/shared/contract';
import { createBackend } from '../../../src/main/core/backend';
import { LogCursor } from '../../../src/main/core/log-cursor';
import { CHUNK_OVERHEAD_BYTES, CaptureLog } from '../../../src/main/engine/capture/capture-log';
import { OPTIONS, harness, tally, useFakeClock } from '../../helpers/batcher-harness';

/**
 * A window's batcher queues nothing per chunk: what the window has still to
 * be sent is a range of the capture log's seqs, read (and, past the cap,
 * counted as skipped) when a batch goes. These pin what a window is told of
 * the chunks it was not sent: per endpoint, exactly, whether the cap or the
 * log's eviction took them, and nothing of an endpoint that was removed.
 */
useFakeClock();
afterEach(() => vi.restoreAllMocks());

const SIZE = 1000;
const WEIGHT = SIZE + CHUNK_OVERHEAD_BYTES;
/** One batch out and none acknowledged: the window is stalled until ack(1). */
const STALLING = { ...OPTIONS, maxInflight: 1 };

type Counts = Record<string, { chunks: number; bytes: number }>;

/** A chunk of e1 into the log with no window told of it (the router is not in between). */
const appendUntold = (log: CaptureLog) =>
  log.append({ endpointId: 'e1', peerId: 'p1', dir: 'rx', time: 1, data: new Uint8Array(SIZE) });

function countBy(chunks: Array<{ endpointId: string; size: number }>): Counts {
  const out: Counts = {};
  for (const { endpointId, size } of chunks) {
    const c = (out[endpointId] ??= { chunks: 0, bytes: 0 });
    c.chunks++;
    c.bytes += size;
  }
  return out;
}

function skippedBy(batches: EventBatch[]): Counts {
  const out: Counts = {};
  for (const e of batches.flatMap((b) => b.events)) {
    if (e.type !== 'skipped') continue;
    const c = (out[e.endpointId] ??= { chunks: 0, bytes: 0 });
    c.chunks += e.chunks;
    c.bytes += e.bytes;
  }
  return out;
}

/** Acks every batch until the window has nothing left to be sent. */
function drain(h: ReturnType<typeof harness>): void {
  for (let round = 0; round < 100; round++) {
    const last = h.batches[h.batches.length - 1];
    if (last) h.batcher.ack(last.seq);
    vi.advanceTimersByTime(40);
    if (h.batcher.stats().pendingChunks === 0 && h.batcher.stats().inflight === 0) return;
  }
  throw new Error('the window never caught up');
}

/** A first chunk sent and not acknowledged: what comes next waits. */
function stall(h: ReturnType<typeof harness>): void {
  h.offer('e0', new Uint8Array(SIZE));
  vi.advanceTimersByTime(40);
  expect(h.batches).toHaveLength(1);
}

describe('EventBatcher reading its chunks from the capture log', () => {
  it('past the cap, the oldest are skipped and counted per endpoint, runs interleaved', () => {
    const cap = 10 * WEIGHT;
    const h = harness({ ...STALLING, maxPendingBytes: cap });
    stall(h);
    // Runs of one endpoint of every length, sizes varying, so chunks and bytes can disagree.
    const pattern = 'aabcccabbbbacaaaabcbbbccccaabc';
    const offered = [...pattern].map((p, i) => ({ endpointId: `e-${p}`, size: 200 + i * 97 }));
    offered.forEach(({ endpointId, size }, i) => {
      h.offer(endpointId, new Uint8Array(size));
      // Counted at stats() too, halfway: a run split between two walks adds up.
      if (i === 15) expect(h.batcher.stats().pendingBytes).toBeLessThanOrEqual(cap);
    });
    // What survives the cap: the newest that weigh no more than it.
    let kept = 0;
    for (let weight = 0, i = offered.length - 1; i >= 0; i--, kept++) {
      weight += offered[i]!.size + CHUNK_OVERHEAD_BYTES;
      if (weight > cap) break;
    }
    const skipped = offered.slice(0, offered.length - kept);
    expect(h.batcher.stats().pendingChunks).toBe(kept);
    drain(h);
    expect(skippedBy(h.batches)).toEqual(countBy(skipped));
    const delivered = tally(h.batches).delivered.slice(1);
    expect(delivered.map((c) => c.data.byteLength)).toEqual(
      offered.slice(skipped.length).map((o) => o.size),
    );
    h.batcher.dispose();
  });

  it('chunks the log evicted before the window was sent them are skipped for their endpoint', () => {
    const log = new CaptureLog(20 * WEIGHT);
    const h = harness(STALLING, log);
    stall(h);
    const offered = Array.from({ length: 60 }, (_, i) => ({
      endpointId: ['e1', 'e2', 'e2', 'e3'][i % 4]!,
      size: SIZE,
    }));
    offered.forEach(({ endpointId }, i) => {
      h.offer(endpointId, new Uint8Array(SIZE));
      // Weighed halfway, so evictions later take chunks already weighed.
      if (i === 30) expect(h.batcher.stats().pendingChunks).toBe(20);
    });
    expect(log.size).toBe(20);
    expect(h.batcher.stats().pendingChunks).toBe(20);
    expect(h.batcher.stats().pendingBytes).toBe(20 * WEIGHT);
    drain(h);
    expect(skippedBy(h.batches)).toEqual(countBy(offered.slice(0, 40)));
    const delivered = tally(h.batches).delivered;
    expect(delivered.map((c) => c.seq)).toEqual([
      0,
      ...Array.from({ length: 20 }, (_, i) => 41 + i),
    ]);
    h.batcher.dispose();
  });

  it("a removed endpoint's chunks are neither sent nor counted as skipped", () => {
    const log = new CaptureLog(20 * WEIGHT);
    const h = harness(STALLING, log);
    stall(h);
    // 30 chunks, e1 and e2 in turn: the 10 oldest are evicted while the window waits.
    for (let i = 0; i < 30; i++) h.offer(i % 2 ? 'e2' : 'e1', new Uint8Array(SIZE));
    expect(h.batcher.stats().pendingChunks).toBe(20);
    log.forget('e2'); // as Engine.remove does
    expect(h.batcher.stats()).toMatchObject({ pendingChunks: 10, pendingBytes: 10 * WEIGHT });
    // The log goes on after the gap its seqs now have.
    const after = h.offer('e1', new Uint8Array(SIZE)).seq;
    drain(h);
    // The e0 chunk stall() made was evicted too, once sent: not skipped.
    expect(skippedBy(h.batches)).toEqual({ e1: { chunks: 5, bytes: 5 * SIZE } });
    const delivered = tally(h.batches).delivered.slice(1);
    expect(delivered.every((c) => c.endpointId === 'e1')).toBe(true);
    expect(delivered.map((c) => c.seq)).toEqual([11, 13, 15, 17, 19, 21, 23, 25, 27, 29, after]);
    h.batcher.dispose();
  });

  it('a disposed batcher is no longer told of evictions', () => {
    const told = vi.spyOn(LogCursor.prototype, 'evicting');
    const log = new CaptureLog(4 * WEIGHT);
    const h = harness(OPTIONS, log);
    for (let i = 0; i < 5; i++) h.offer('e1', new Uint8Array(SIZE));
    expect(told).toHaveBeenCalledTimes(1);
    h.batcher.dispose();
    for (let i = 0; i < 5; i++) appendUntold(log);
    expect(told).toHaveBeenCalledTimes(1);
  });

  it("a window closed through the router stops watching the engine's log", async () => {
    const told = vi.spyOn(LogCursor.prototype, 'evicting');
    const backend = createBackend(
      { version: 't', mode: 'browser' },
      { logBudgetBytes: 4 * WEIGHT },
    );
    const log = backend.engine.log;
    const append = () => appendUntold(log);
    const subscription = backend.router.subscribe(() => undefined);
    for (let i = 0; i < 5; i++) append();
    expect(told).toHaveBeenCalledTimes(1);
    subscription.dispose();
    for (let i = 0; i < 5; i++) append();
    expect(told).toHaveBeenCalledTimes(1);
    expect(backend.router.subscriberCount).toBe(0);
    await backend.dispose();
  });

  it("a window that subscribes mid-flood starts at the log's end and is sent all after, skipping none", () => {
    const log = new CaptureLog(200 * WEIGHT);
    const tiny = new Uint8Array(8);
    const first = harness(STALLING, log);
    stall(first);
    for (let i = 0; i < 1000; i++) first.offer('e1', tiny);
    const start = log.endSeq;
    const second = harness(OPTIONS, log);
    for (let i = 0; i < 3000; i++) {
      first.offer(i % 2 ? 'e1' : 'e2', tiny);
      second.batcher.chunk(i % 2 ? 'e1' : 'e2');
      if (i % 100 === 0) {
        const last = second.batches[second.batches.length - 1];
        if (last) second.batcher.ack(last.seq);
        vi.advanceTimersByTime(40);
      }
    }
    drain(second);
    expect(tally(second.batches).delivered.map((c) => c.seq)).toEqual(
      Array.from({ length: 3000 }, (_, i) => start + i),
    );
    expect(skippedBy(second.batches)).toEqual({});
    // The first window, stalled all along, lost to the log's eviction all but the chunk it was sent.
    drain(first);
    expect(log.droppedFor('e0').chunks).toBe(1);
    expect(skippedBy(first.batches)).toEqual({
      e1: log.droppedFor('e1'),
      e2: log.droppedFor('e2'),
    });
    const { delivered, skipped } = tally(first.batches);
    expect(delivered.length + skipped.chunks).toBe(4001);
    first.batcher.dispose();
    second.batcher.dispose();
  });
});
