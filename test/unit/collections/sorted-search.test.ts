import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Queue } from '../../../src/shared/collections/queue';
import {
  firstAfterSeq,
  lowerBound,
  partitionPoint,
  upperBound,
} from '../../../src/shared/collections/sorted-search';

/** Ascending lists with repeats, so "first of equal values" is tested too. */
const sorted = fc
  .array(fc.integer({ min: -50, max: 50 }), { maxLength: 80 })
  .map((xs) => xs.sort((a, b) => a - b));
const probe = fc.integer({ min: -60, max: 60 });

/** The naive answer: scan from `from` for the first index that qualifies. */
function scan(length: number, from: number, ok: (i: number) => boolean): number {
  for (let i = from; i < length; i++) if (ok(i)) return i;
  return Math.max(from, length);
}

describe('sorted search, against a linear scan', () => {
  it('lowerBound and upperBound find the first value >= and > the probe', () => {
    fc.assert(
      fc.property(sorted, probe, fc.nat(90), (list, value, from) => {
        expect(lowerBound(list, value, from)).toBe(
          scan(list.length, from, (i) => list[i]! >= value),
        );
        expect(upperBound(list, value, from)).toBe(
          scan(list.length, from, (i) => list[i]! > value),
        );
      }),
    );
  });

  it('firstAfterSeq finds the first item after a seq, in an array or a queue with a taken front', () => {
    fc.assert(
      fc.property(sorted, probe, fc.nat(20), (seqs, seq, taken) => {
        const items = seqs.map((s) => ({ seq: s }));
        expect(firstAfterSeq(items, seq)).toBe(scan(items.length, 0, (i) => items[i]!.seq > seq));
        const queue = new Queue<{ seq: number }>(4);
        for (const item of items) queue.push(item);
        for (let i = 0; i < taken; i++) queue.shift();
        const rest = items.slice(taken);
        expect(firstAfterSeq(queue, seq)).toBe(scan(rest.length, 0, (i) => rest[i]!.seq > seq));
      }),
    );
  });

  it('partitionPoint returns the end of the range when the predicate never holds', () => {
    expect(partitionPoint(3, 3, () => true)).toBe(3);
    expect(partitionPoint(0, 10, () => false)).toBe(10);
    expect(partitionPoint(2, 10, () => true)).toBe(2);
  });
});
