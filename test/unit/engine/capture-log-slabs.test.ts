import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../../src/shared/contract';
import { CaptureLog, CHUNK_OVERHEAD_BYTES } from '../../../src/main/engine/capture/capture-log';
import { POOLED_MAX_BYTES, SLAB_BYTES, slabsFor } from '../../../src/main/engine/capture/slab-pool';
import { randomBytes, xorshift32 } from '../../helpers/random-bytes';
import { sha256 } from '../../helpers/sha256';

/**
 * The capture log copies chunks into slabs it recycles. What must hold:
 * every chunk still in the log reads back exactly as it came, however many
 * times the slabs were reused; the log says which chunks it still holds
 * (a chunk kept past eviction may see its slab reused); and the memory
 * stays at the budget.
 */
const random = xorshift32(0x9e3779b9);
/** Bytes from the same seeded stream as the sizes, so a run replays whole. */
const bytes = (n: number): Buffer => randomBytes(n, random);

function append(log: CaptureLog, endpointId: string, data: Uint8Array): Chunk {
  return log.append({ endpointId, peerId: 'p1', dir: 'rx', time: 1, data });
}

describe('capture log on recycled slabs', () => {
  it('reads every kept chunk back exactly after its slabs were reused many times', () => {
    const budget = 3 * SLAB_BYTES;
    const log = new CaptureLog(budget);
    const sums = new Map<number, string>();
    let sent = 0;
    // ~40 MiB through a 12 MiB log: each slab is reused about three times.
    while (sent < 40 * 1024 * 1024) {
      const size = random() < 0.02 ? POOLED_MAX_BYTES + 1 : (random() * 70_000) | 0;
      const data = bytes(size);
      const stored = append(log, random() < 0.5 ? 'e1' : 'e2', data);
      // What comes back holds the log's copy: the bytes given may be a reused read buffer.
      // (Booleans and strings: expect() describes its values even when it passes.)
      expect(stored.data === data).toBe(size > POOLED_MAX_BYTES);
      // Slabs are shared memory, so the search worker reads them in place.
      expect(stored.data.buffer instanceof SharedArrayBuffer).toBe(size <= POOLED_MAX_BYTES);
      const sum = sha256(data);
      expect(sha256(stored.data) === sum).toBe(true);
      sums.set(stored.seq, sum);
      sent += size;
    }
    const kept = [...log.read('e1', -1, 100_000), ...log.read('e2', -1, 100_000)];
    expect(kept.length).toBe(log.size);
    expect(kept.length).toBeGreaterThan(50);
    for (const c of kept) expect(sha256(c.data)).toBe(sums.get(c.seq));
    const dropped = log.droppedFor('e1').chunks + log.droppedFor('e2').chunks;
    expect(dropped + kept.length).toBe(sums.size);
    expect(log.usedBytes).toBeLessThanOrEqual(budget);
    expect(log.slabCount).toBeLessThanOrEqual(slabsFor(budget) + 1);
  });

  it('bytes the caller gives away are kept by the chunk, and copied into a slab all the same', () => {
    const log = new CaptureLog(SLAB_BYTES);
    const data = Uint8Array.of(4, 5, 6);
    const given = log.append({ endpointId: 'e1', peerId: 'p1', dir: 'rx', time: 1, data }, true);
    // No view of the copy is made: the chunk says the caller's own bytes.
    expect(given.data === data).toBe(true);
    const logged = log.chunkBySeq(given.seq)!;
    expect(logged.data === data).toBe(false);
    expect(logged.data.buffer instanceof SharedArrayBuffer).toBe(true);
    expect([...logged.data]).toEqual([4, 5, 6]);
    expect(log.usedBytes).toBe(3 + CHUNK_OVERHEAD_BYTES);
  });

  it('a chunk the caller reuses afterwards stays as it was in the log', () => {
    const log = new CaptureLog(SLAB_BYTES);
    const data = Uint8Array.of(1, 2, 3);
    const given = append(log, 'e1', data);
    data.fill(9);
    expect([...log.read('e1', -1, 10)[0]!.data]).toEqual([1, 2, 3]);
    expect(given.seq).toBe(0);
  });

  it('says which chunks it still holds: not once evicted or forgotten, when their slab may be reused', () => {
    const log = new CaptureLog(2 * SLAB_BYTES);
    const first = append(log, 'e1', bytes(65_536));
    const other = append(log, 'e2', bytes(1000));
    const copy = Uint8Array.from(first.data);
    expect(log.holds(first)).toBe(true);
    const later: Chunk[] = [];
    // Enough to evict `first` and reuse its slab.
    for (let i = 0; i < 200; i++) later.push(append(log, 'e1', bytes(65_536)));
    expect(log.holds(first)).toBe(false);
    expect(log.holds(other)).toBe(false);
    expect(sha256(first.data) === sha256(copy)).toBe(false);
    const kept = later.filter((c) => log.holds(c));
    expect(kept.length).toBe(log.size);
    expect(kept.at(-1)).toBe(later.at(-1));
    const survivor = append(log, 'e3', bytes(10));
    expect(log.holds(survivor)).toBe(true);
    log.forget('e3');
    expect(log.holds(survivor)).toBe(false);
    expect(log.holds(later.at(-1)!)).toBe(true);
  });

  it('forgetting an endpoint keeps the others intact, and its memory is reused', () => {
    const budget = 16 * SLAB_BYTES;
    const log = new CaptureLog(budget);
    const keep: Array<[number, string]> = [];
    for (let i = 0; i < 400; i++) {
      const data = bytes(60_000);
      // The first 200 are gone's alone (whole slabs); then the two interleave.
      const id = i < 200 || i % 4 !== 0 ? 'gone' : 'keep';
      const c = append(log, id, data);
      if (id === 'keep') keep.push([c.seq, sha256(data)]);
    }
    const before = log.slabCount;
    log.forget('gone');
    expect(log.size).toBe(50);
    expect(log.usedBytes).toBe(50 * (60_000 + CHUNK_OVERHEAD_BYTES));
    // The slabs only gone used are reused before any new slab is made.
    for (let i = 0; i < 150; i++) append(log, 'new', bytes(60_000));
    expect(log.slabCount).toBe(before);
    expect(log.read('keep', -1, 1000).map((c) => [c.seq, sha256(c.data)])).toEqual(keep);
    // Slabs the kept chunks pin are freed as those are evicted in turn.
    for (let i = 0; i < 2000; i++) append(log, 'new', bytes(60_000));
    expect(log.slabCount).toBeLessThanOrEqual(slabsFor(budget) + 1);
  });

  it('a smaller budget gives memory back', () => {
    const log = new CaptureLog(32 * SLAB_BYTES);
    for (let i = 0; i < 2000; i++) append(log, 'e1', bytes(65_536));
    expect(log.slabCount).toBeGreaterThan(30);
    log.setBudget(2 * SLAB_BYTES);
    for (let i = 0; i < 200; i++) append(log, 'e1', bytes(65_536));
    expect(log.slabCount).toBeLessThanOrEqual(slabsFor(2 * SLAB_BYTES) + 1);
    const last = log.read('e1', -1, 100_000).at(-1)!;
    expect(last.data.byteLength).toBe(65_536);
  });

  it('maps the budget ahead of time, and a new budget is mapped or given back', async () => {
    const log = new CaptureLog(8 * SLAB_BYTES);
    expect(log.slabCount).toBe(0);
    await log.warmUp();
    expect(log.slabCount).toBe(8);
    // Filling the budget takes the mapped slabs before it makes any.
    for (let i = 0; i < (7 * SLAB_BYTES) / 65_536; i++) append(log, 'e1', bytes(65_536));
    expect(log.slabCount).toBe(8);
    log.setBudget(16 * SLAB_BYTES);
    await log.warmUp();
    expect(log.slabCount).toBe(16);
    log.setBudget(2 * SLAB_BYTES);
    expect(log.slabCount).toBeLessThanOrEqual(slabsFor(16 * SLAB_BYTES));
    for (let i = 0; i < 200; i++) append(log, 'e1', bytes(65_536));
    expect(log.slabCount).toBeLessThanOrEqual(slabsFor(2 * SLAB_BYTES) + 1);
  });
});
