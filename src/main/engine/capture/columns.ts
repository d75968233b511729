import { partitionPoint } from '../../../shared/collections/sorted-search';

/**
 * A column of numbers addressed by absolute index: values are appended at
 * the end and let go from the front, and an index never changes meaning
 * (index 0 is the first value ever appended, even after it is gone). The
 * log's indexes are made of these so that a million rows cost a few typed
 * arrays, never an object each.
 */

type NumberArray = Float64Array | Uint32Array | Uint16Array;
type ArrayKind<T extends NumberArray> = new (length: number) => T;

// Small: a UDP endpoint may see thousands of peers, each with a lane or two (log-index.ts).
const FIRST_CAPACITY = 8;

export class Column<T extends NumberArray> {
  private data: T;
  /** Absolute index of data[0]. */
  private base = 0;
  /** Absolute index of the first value still held. */
  private head = 0;
  private end = 0;

  constructor(private readonly kind: ArrayKind<T>) {
    this.data = new kind(FIRST_CAPACITY);
  }

  /** Absolute index of the first value held. */
  get start(): number {
    return this.head;
  }

  /** Absolute index just past the last value appended (every value ever appended). */
  get length(): number {
    return this.end;
  }

  /** Values held now. */
  get size(): number {
    return this.end - this.head;
  }

  push(value: number): void {
    let at = this.end - this.base;
    if (at === this.data.length) {
      this.make(Math.max(FIRST_CAPACITY, this.size * 2));
      at = this.end - this.base;
    }
    this.data[at] = value;
    this.end++;
  }

  /** The value at absolute index `i` (start <= i < length). */
  at(i: number): number {
    return this.data[i - this.base]!;
  }

  set(i: number, value: number): void {
    this.data[i - this.base] = value;
  }

  /** The last value appended (the column must not be empty). */
  last(): number {
    return this.data[this.end - 1 - this.base]!;
  }

  /** Lets go of the values from absolute index `i` on (the newest), as if never appended. */
  truncate(i: number): void {
    this.end = Math.max(this.head, Math.min(i, this.end));
  }

  /** Lets go of every value before absolute index `i`. */
  dropBefore(i: number): void {
    if (i <= this.head) return;
    this.head = Math.min(i, this.end);
    // Move the live values down only once most of the array is dead, so each
    // value is moved O(1) times; shrink when the array is mostly empty.
    const live = this.size;
    const dead = this.head - this.base;
    if (dead > FIRST_CAPACITY && dead >= live) {
      this.make(
        Math.max(FIRST_CAPACITY, live * 2 < this.data.length / 4 ? live * 2 : this.data.length),
      );
    }
  }

  /** First absolute index in [from, to) whose value is >= `value` (values ascending there), else `to`. */
  lowerBound(value: number, from = this.head, to = this.end): number {
    const d = this.data;
    return this.base + partitionPoint(from - this.base, to - this.base, (i) => d[i]! >= value);
  }

  /** First absolute index in [from, to) whose value is > `value` (values ascending there), else `to`. */
  upperBound(value: number, from = this.head, to = this.end): number {
    const d = this.data;
    return this.base + partitionPoint(from - this.base, to - this.base, (i) => d[i]! > value);
  }

  /** Bytes the column's array takes (for the memory it reports). */
  get bytes(): number {
    return this.data.byteLength;
  }

  private make(capacity: number): void {
    const next = new this.kind(capacity);
    next.set(this.data.subarray(this.head - this.base, this.end - this.base));
    this.data = next;
    this.base = this.head;
  }
}

export const f64 = (): Column<Float64Array> => new Column(Float64Array);
export const u32 = (): Column<Uint32Array> => new Column(Uint32Array);
export const u16 = (): Column<Uint16Array> => new Column(Uint16Array);
