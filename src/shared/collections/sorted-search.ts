/**
 * Binary search over sorted lists: one loop, used for every "where does this
 * seq, ordinal or offset fall" question (the capture log, the log views, the
 * terminal), so an off-by-one is fixed once.
 */

/** Anything indexed from 0 with `at()`: an array, or a `Queue`. */
export interface Indexed<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

/**
 * The first index in [from, to) for which `after(index)` holds, where it is
 * false up to some point and true from there on; `to` when it never holds.
 */
export function partitionPoint(
  from: number,
  to: number,
  after: (index: number) => boolean,
): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (after(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the first item with a seq above `seq`, in items sorted by seq (from `from` on). */
export function firstAfterSeq(
  items: Indexed<{ readonly seq: number }>,
  seq: number,
  from = 0,
): number {
  return partitionPoint(from, items.length, (i) => items.at(i)!.seq > seq);
}

/** Index of the first value >= `value` in an ascending list (from `from` on). */
export function lowerBound(list: Indexed<number>, value: number, from = 0): number {
  return partitionPoint(from, list.length, (i) => list.at(i)! >= value);
}

/** Index of the first value > `value` in an ascending list (from `from` on). */
export function upperBound(list: Indexed<number>, value: number, from = 0): number {
  return partitionPoint(from, list.length, (i) => list.at(i)! > value);
}
