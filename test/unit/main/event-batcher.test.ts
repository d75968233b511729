import { describe, expect, it, vi } from 'vitest';
import { CaptureLog } from '../../../src/main/engine/capture/capture-log';
import { SLAB_BYTES } from '../../../src/main/engine/capture/slab-pool';
import { msg } from '../../../src/shared/messages/catalogue';

import { OPTIONS, PAYLOAD, harness, tally, useFakeClock } from '../../helpers/batcher-harness';

/** A notice with a name of its own (any message will do here). */
const note = (name: string) => msg('endpoint.not-found', { id: name });

/** A notice a batch, none acknowledged, until the batcher has as many out as it may. */
function fillInflight(batcher: ReturnType<typeof harness>['batcher']): void {
  for (let i = 0; i < OPTIONS.maxInflight; i++) {
    batcher.event({ type: 'notice', level: 'info', endpointId: null, message: note(`n${i}`) });
    vi.advanceTimersByTime(40);
  }
}

/**
 * The flow control between the engine and one window: a window that never
 * acknowledges must never make the main process hold more than the cap,
 * what is skipped is counted exactly, acks resume delivery, and endpoint
 * counters in the batches are always the exact current ones.
 */
useFakeClock();

describe('EventBatcher flow control', () => {
  it('a window that never acks: at most maxInflight batches, and the queue never exceeds the cap', () => {
    const { batcher, batches, offer } = harness();
    let maxPending = 0;
    let maxHeld = 0;
    // 64 MiB offered, 64 times the cap, with the clock running.
    for (let i = 0; i < 16_384; i++) {
      offer();
      const s = batcher.stats();
      maxPending = Math.max(maxPending, s.pendingBytes);
      maxHeld = Math.max(maxHeld, s.heldSlots);
      if (i % 64 === 0) vi.advanceTimersByTime(40);
    }
    vi.advanceTimersByTime(10_000);
    expect(batches).toHaveLength(OPTIONS.maxInflight);
    expect(maxPending).toBeLessThanOrEqual(OPTIONS.maxPendingBytes);
    // Nothing per chunk is held for the window (the log holds the chunks): skipped ones are not pinned.
    const capChunks = OPTIONS.maxPendingBytes / PAYLOAD.byteLength;
    expect(maxHeld).toBeLessThanOrEqual(capChunks * 2 + 4096 + 1);
    for (const b of batches) {
      const bytes = tally([b]).delivered.reduce((n, c) => n + c.data.byteLength, 0);
      expect(bytes).toBeLessThanOrEqual(OPTIONS.maxBatchBytes);
    }
    batcher.dispose();
  });

  it('a flood of tiny chunks goes in batches of at most maxBatchChunks, every one in order', () => {
    const { batcher, batches, offer } = harness();
    const seen: number[] = [];
    const tiny = new Uint8Array(1);
    for (let i = 0; i < 10_000; i++) offer('e1', tiny);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(40);
      for (const b of batches.splice(0)) {
        const { delivered } = tally([b]);
        expect(delivered.length).toBeLessThanOrEqual(OPTIONS.maxBatchChunks);
        seen.push(...delivered.map((c) => c.seq));
        batcher.ack(b.seq);
      }
    }
    expect(seen).toEqual(Array.from({ length: 10_000 }, (_, i) => seen[0]! + i));
    batcher.dispose();
  });

  it('skipped counts are exact: delivered + skipped = offered, per endpoint, bytes and chunks', () => {
    const { batcher, batches, offer } = harness();
    const offered = new Map<string, { chunks: number; bytes: number }>();
    for (let i = 0; i < 5000; i++) {
      const id = i % 3 === 0 ? 'e2' : 'e1';
      // Sizes vary so a count by chunks and a count by bytes can disagree when wrong.
      const data = new Uint8Array(1 + ((i * 7919) % 8000));
      offer(id, data);
      const o = offered.get(id) ?? { chunks: 0, bytes: 0 };
      o.chunks++;
      o.bytes += data.byteLength;
      offered.set(id, o);
      if (i % 500 === 0) vi.advanceTimersByTime(40);
    }
    // Now the window catches up: ack everything until nothing is left.
    for (let round = 0; round < 1000; round++) {
      const last = batches[batches.length - 1];
      if (last) batcher.ack(last.seq);
      vi.advanceTimersByTime(40);
      if (batcher.stats().pendingChunks === 0 && batcher.stats().inflight === 0) break;
    }
    expect(batcher.stats().pendingChunks).toBe(0);
    for (const [id, o] of offered) {
      let chunks = 0;
      let bytes = 0;
      for (const b of batches) {
        for (const e of b.events) {
          if (e.type === 'chunks') {
            for (const c of e.chunks) {
              if (c.endpointId !== id) continue;
              chunks++;
              bytes += c.data.byteLength;
            }
          }
          if (e.type === 'skipped' && e.endpointId === id) {
            chunks += e.chunks;
            bytes += e.bytes;
          }
        }
      }
      expect({ id, chunks, bytes }).toEqual({ id, ...o });
    }
    const { skipped } = tally(batches);
    expect(skipped.chunks).toBeGreaterThan(0);
    batcher.dispose();
  });

  it('a chunk the log evicted while queued is skipped, never sent with its slab reused', () => {
    // A log smaller than the window's backlog: chunks leave it while queued.
    const log = new CaptureLog(2 * SLAB_BYTES);
    const sent = new Map<number, number>();
    const wrong: number[] = [];
    const { batcher, batches } = harness(
      { ...OPTIONS, maxPendingBytes: 16 * SLAB_BYTES },
      log,
      (batch) => {
        for (const c of tally([batch]).delivered) {
          if (c.data.some((b) => b !== sent.get(c.seq))) wrong.push(c.seq);
        }
      },
    );
    for (let i = 0; i < 1000; i++) {
      // Each chunk's bytes all equal its number, so a reused slab shows.
      const data = new Uint8Array(32 * 1024).fill(i % 251);
      const stored = log.append({ endpointId: 'e1', peerId: 'p1', dir: 'rx', time: 1, data });
      sent.set(stored.seq, i % 251);
      batcher.chunk('e1');
      if (i % 100 === 0) {
        const last = batches[batches.length - 1];
        if (last) batcher.ack(last.seq);
        vi.advanceTimersByTime(40);
      }
    }
    for (let round = 0; round < 200 && batcher.stats().pendingChunks > 0; round++) {
      const last = batches[batches.length - 1];
      if (last) batcher.ack(last.seq);
      vi.advanceTimersByTime(40);
    }
    const { delivered, skipped } = tally(batches);
    expect(delivered.length).toBeGreaterThan(0);
    expect(skipped.chunks).toBeGreaterThan(0);
    expect(delivered.length + skipped.chunks).toBe(1000);
    expect(wrong).toEqual([]);
    batcher.dispose();
  });

  it('delivered chunks keep their order and are never delivered twice', () => {
    const { batcher, batches, offer } = harness();
    for (let i = 0; i < 2000; i++) {
      offer();
      if (i % 100 === 0) {
        const last = batches[batches.length - 1];
        if (last && i % 300 === 0) batcher.ack(last.seq);
        vi.advanceTimersByTime(40);
      }
    }
    const seqs = tally(batches).delivered.map((c) => c.seq);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
    expect(batches.map((b) => b.seq)).toEqual(batches.map((_, i) => i + 1));
    batcher.dispose();
  });

  it('acks resume delivery, at most one batch per interval', () => {
    const { batcher, batches, offer } = harness();
    for (let i = 0; i < 1024; i++) offer();
    vi.advanceTimersByTime(1000);
    expect(batches).toHaveLength(4);
    // Fewer than the cap holds (each chunk weighs its bytes and its overhead).
    for (let i = 0; i < 200; i++) offer();
    vi.advanceTimersByTime(5000);
    expect(batches).toHaveLength(4); // stalled: nothing acked
    expect(batcher.stats().pendingChunks).toBe(200);
    batcher.ack(2);
    vi.advanceTimersByTime(OPTIONS.intervalMs);
    expect(batches.length).toBeGreaterThan(4);
    expect(batches.length).toBeLessThanOrEqual(6);
    // An ack for a batch never sent is ignored.
    batcher.ack(10_000);
    expect(batcher.stats().inflight).toBeGreaterThan(0);
    batcher.dispose();
  });

  it('endpoint counters in the batches are exact even while chunks are skipped', () => {
    const { batcher, batches, counters, offer } = harness();
    let bytes = 0;
    for (let i = 0; i < 3000; i++) {
      counters.rxBytes += PAYLOAD.byteLength;
      counters.rxChunks++;
      bytes += PAYLOAD.byteLength;
      // A chunk is its endpoint's change too: the engine says nothing else (EngineSink.chunk).
      offer();
      if (i % 97 === 0) vi.advanceTimersByTime(40);
    }
    // A late ack: the next batch carries the endpoint as it is now.
    batcher.ack(batches[batches.length - 1]!.seq);
    vi.advanceTimersByTime(40);
    const endpointEvents = batches
      .flatMap((b) => b.events)
      .filter((e) => e.type === 'endpoint')
      .map((e) => (e.type === 'endpoint' ? e.endpoint.counters : null));
    expect(endpointEvents[endpointEvents.length - 1]).toMatchObject({
      rxBytes: bytes,
      rxChunks: 3000,
    });
    expect(tally(batches).skipped.chunks).toBeGreaterThan(0);
    batcher.dispose();
  });

  it('a chunk marks its own endpoint changed, in every batch, whichever endpoint came last', () => {
    const { batcher, batches, offer } = harness();
    const named = (b: (typeof batches)[number]) =>
      b.events.flatMap((e) => (e.type === 'endpoint' ? [e.endpoint.id] : [])).sort();
    offer('e1');
    offer('e2');
    offer('e1');
    vi.advanceTimersByTime(40);
    batcher.ack(batches.at(-1)!.seq);
    // The same endpoint as the last chunk before the flush: still news after it.
    offer('e1');
    vi.advanceTimersByTime(40);
    expect(batches.map(named)).toEqual([['e1', 'e2'], ['e1']]);
    batcher.dispose();
  });

  it('evicted counts are summed per endpoint and never dropped, however many arrive', () => {
    const { batcher, batches } = harness();
    fillInflight(batcher);
    // A full log evicts on every chunk: far more events than the pending cap.
    for (let i = 0; i < 10_000; i++) {
      batcher.event({ type: 'evicted', endpointId: i % 2 ? 'e1' : 'e2', chunks: 1, bytes: 100 });
    }
    batcher.ack(4);
    vi.advanceTimersByTime(40);
    const evicted = batches[4]!.events.filter((e) => e.type === 'evicted');
    expect(evicted).toEqual([
      { type: 'evicted', endpointId: 'e2', chunks: 5000, bytes: 500_000 },
      { type: 'evicted', endpointId: 'e1', chunks: 5000, bytes: 500_000 },
    ]);
    expect(batches[4]!.events.some((e) => e.type === 'notice')).toBe(false);
    batcher.dispose();
  });

  it('notices beyond the cap are counted in one warning, not queued', () => {
    const { batcher, batches } = harness();
    fillInflight(batcher);
    expect(batches).toHaveLength(4);
    for (let i = 0; i < 250; i++) {
      batcher.event({ type: 'notice', level: 'info', endpointId: null, message: note(`m${i}`) });
    }
    batcher.ack(4);
    vi.advanceTimersByTime(40);
    const events = batches[4]!.events;
    expect(events.filter((e) => e.type === 'notice')).toHaveLength(OPTIONS.maxPendingEvents + 1);
    expect(events[events.length - 1]).toMatchObject({
      level: 'warning',
      message: msg('notices.dropped', { count: 150 }),
    });
    batcher.dispose();
  });
});
