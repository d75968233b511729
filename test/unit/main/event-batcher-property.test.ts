import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { EventBatch } from '../../../src/shared/contract';
import { CaptureLog } from '../../../src/main/engine/capture/capture-log';
import { POOLED_MAX_BYTES } from '../../../src/main/engine/capture/slab-pool';
import { OPTIONS, harness, type Harness, useFakeClock } from '../../helpers/batcher-harness';

/**
 * Windows reading a small capture log at different paces while it evicts,
 * shrinks, grows and forgets endpoints under them, in random orders
 * (fast-check, seeded: a failure replays). Whatever happens, each window is
 * told of every chunk that came after it subscribed, exactly once, either
 * sent (with the bytes it had) or counted as skipped for its endpoint; an
 * endpoint removed meanwhile is neither.
 */
useFakeClock();

const ENDPOINTS = ['a', 'b', 'c'] as const;
const SMALL = { ...OPTIONS, maxInflight: 2, maxPendingBytes: 6_000, maxBatchBytes: 3_000 };

type Op =
  | { op: 'append'; endpoint: number; size: number }
  | { op: 'tick'; ms: number }
  | { op: 'ack'; window: number }
  | { op: 'subscribe' }
  | { op: 'dispose'; window: number }
  | { op: 'budget'; bytes: number }
  | { op: 'forget'; endpoint: number };

const size = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 1500 }) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: POOLED_MAX_BYTES + 1, max: POOLED_MAX_BYTES + 64 }) },
);
const ops: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({ op: fc.constant('append' as const), endpoint: fc.nat(2), size }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 80 }) }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('ack' as const), window: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('subscribe' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('dispose' as const), window: fc.nat(3) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('budget' as const),
      bytes: fc.integer({ min: 0, max: 40_000 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('forget' as const), endpoint: fc.nat(2) }) },
);

/** The bytes of the chunk with sequence number `seq`: each one says whose it is. */
function bytesOf(seq: number, size: number): Uint8Array {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i++) data[i] = (seq * 31 + i) & 0xff;
  return data;
}

interface Window {
  h: Harness;
  /** The log's next seq when it subscribed: it is told of every chunk from there. */
  from: number;
  live: boolean;
  /** Chunks sent whose bytes were not theirs when their batch went. */
  wrong: string[];
}

interface Offered {
  seq: number;
  endpointId: string;
  size: number;
}

function run(script: Op[], budget: number): void {
  const log = new CaptureLog(budget);
  const windows: Window[] = [];
  const offered: Offered[] = [];
  /** Endpoint ids now in use for each slot: a forgotten one is never used again. */
  const names = ENDPOINTS.map((e) => `${e}0`);
  const forgotten = new Set<string>();
  const subscribe = (): void => {
    const wrong: string[] = [];
    // Checked as each batch goes, as the transports encode it then.
    const check = (b: EventBatch): void => {
      for (const e of b.events) {
        if (e.type !== 'chunks') continue;
        for (const c of e.chunks) {
          const want = bytesOf(c.seq, c.data.byteLength);
          if (!Buffer.from(c.data).equals(Buffer.from(want))) wrong.push(`seq ${c.seq}`);
        }
      }
    };
    windows.push({ from: log.endSeq, h: harness(SMALL, log, check), live: true, wrong });
  };
  subscribe();
  for (const o of script) {
    if (o.op === 'append') {
      const endpointId = names[o.endpoint]!;
      const seq = log.endSeq;
      log.append({ endpointId, peerId: 'p1', dir: 'rx', time: 1, data: bytesOf(seq, o.size) });
      offered.push({ seq, endpointId, size: o.size });
      for (const w of windows) if (w.live) w.h.batcher.chunk(endpointId);
    } else if (o.op === 'tick') vi.advanceTimersByTime(o.ms);
    else if (o.op === 'ack') {
      const w = windows[o.window % windows.length]!;
      const last = w.h.batches[w.h.batches.length - 1];
      if (last) w.h.batcher.ack(last.seq);
    } else if (o.op === 'subscribe') subscribe();
    else if (o.op === 'dispose') {
      const w = windows[o.window % windows.length]!;
      w.h.batcher.dispose();
      w.live = false;
    } else if (o.op === 'budget') log.setBudget(o.bytes);
    else {
      const id = names[o.endpoint]!;
      log.forget(id);
      forgotten.add(id);
      names[o.endpoint] = `${id}x`;
    }
  }
  // Every live window takes all it can now: until a round brings none of them a batch.
  const delivered = () => windows.reduce((n, w) => n + w.h.batches.length, 0);
  for (let round = 0, before = -1; round < 500 && delivered() !== before; round++) {
    before = delivered();
    for (const w of windows) {
      const last = w.h.batches[w.h.batches.length - 1];
      if (w.live && last) w.h.batcher.ack(last.seq);
    }
    vi.advanceTimersByTime(40);
  }
  for (const w of windows) {
    if (!w.live) continue;
    expect(w.wrong).toEqual([]);
    expect(w.h.batcher.stats()).toMatchObject({ pendingChunks: 0, pendingBytes: 0 });
    const sent: Record<string, { chunks: number; bytes: number }> = {};
    const told: Record<string, { chunks: number; bytes: number }> = {};
    const seqs: number[] = [];
    const add = (to: typeof sent, id: string, chunks: number, bytes: number): void => {
      const c = (to[id] ??= { chunks: 0, bytes: 0 });
      c.chunks += chunks;
      c.bytes += bytes;
    };
    for (const b of w.h.batches) {
      for (const e of b.events) {
        if (e.type === 'chunks') {
          for (const c of e.chunks) {
            seqs.push(c.seq);
            add(sent, c.endpointId, 1, c.data.byteLength);
            add(told, c.endpointId, 1, c.data.byteLength);
          }
        } else if (e.type === 'skipped') add(told, e.endpointId, e.chunks, e.bytes);
      }
    }
    // In order, each once, none from before the window came.
    expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
    if (seqs.length > 0) expect(seqs[0]).toBeGreaterThanOrEqual(w.from);
    const want: Record<string, { chunks: number; bytes: number }> = {};
    for (const o of offered) {
      if (o.seq >= w.from && !forgotten.has(o.endpointId)) add(want, o.endpointId, 1, o.size);
    }
    for (const id of forgotten) delete told[id];
    expect(told).toEqual(want);
  }
  for (const w of windows) if (w.live) w.h.batcher.dispose();
}

describe('windows over a capture log that moves under them', () => {
  it('tell each chunk after they came exactly once, sent or skipped, whatever the order', () => {
    fc.assert(
      fc.property(
        fc.array(ops, { minLength: 1, maxLength: 300, size: 'max' }),
        fc.integer({ min: 2_000, max: 30_000 }),
        (script, budget) => run(script, budget),
      ),
      { numRuns: 300, seed: 14 },
    );
  });
});
