import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPACT_AFTER, Queue } from '../../../src/shared/collections/queue';

type Op = { push: number } | { shift: true } | { at: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.integer().map((n) => ({ push: n })),
  fc.constant({ shift: true as const }),
  fc.integer({ min: -30, max: 30 }).map((i) => ({ at: i })),
);

/** Runs `ops` on a Queue and on a plain array (the naive model), comparing every answer. */
function against(ops: Op[], compactAfter: number): void {
  const queue = new Queue<number>(compactAfter);
  const model: number[] = [];
  for (const o of ops) {
    if ('push' in o) {
      queue.push(o.push);
      model.push(o.push);
    } else if ('shift' in o) expect(queue.shift()).toBe(model.shift());
    else expect(queue.at(o.at)).toBe(model.at(o.at));
    expect(queue.length).toBe(model.length);
    // The array behind it stays bounded: taken items are cut off in time.
    expect(queue.slots).toBeLessThanOrEqual(
      Math.max(model.length + compactAfter, 2 * model.length),
    );
  }
  expect([...queue]).toEqual(model);
}

describe('Queue, against an array', () => {
  it('answers push, shift, at and length as an array does, with small compaction thresholds', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), fc.integer({ min: 0, max: 8 }), (ops, n) =>
        against(ops, n),
      ),
    );
  });

  it('a long run past the real threshold (4096) keeps its slots within twice what it holds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 600 }), { minLength: 10, maxLength: 40 }),
        (runs) => {
          // Bursts in and nearly as much out, never empty: the shape of a batcher or an evicting log.
          const ops: Op[] = [];
          for (const n of runs) {
            for (let k = 0; k < n; k++) ops.push({ push: k });
            for (let k = 1; k < n; k++) ops.push({ shift: true });
          }
          against(ops, COMPACT_AFTER);
        },
      ),
      { numRuns: 5 },
    );
  });
});
