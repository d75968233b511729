import { partitionPoint } from '../../../shared/collections/sorted-search';

/**
 * A column of numbers addressed by absolute index: values are appended at
 * the end and let go from the front, and an index never changes meaning
 * (index 0 is the first value ever appended, even after it is gone). The
 * log's indexes are made of these so that a million rows cost a few typed
 * arrays, never an object each.
 *
 * A column may hold rows of `width` numbers (field 0 is the one `at`,
 * `lowerBound` and `upperBound` read): fields written together on every
 * datagram then cost one append and one bounds check, not one each.
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

  constructor(
    private readonly kind: ArrayKind<T>,
    /** Numbers per row. */
    readonly width = 1,
  ) {
    this.data = new kind(FIRST_CAPACITY * width);
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
    const at = this.add();
    this.data[at] = value;
  }

  /**
   * Appends a row whose fields the caller writes at once: `array[at + k]`
   * for the returned `at` (the array may be a new one after this call).
   */
  add(): number {
    let at = (this.end - this.base) * this.width;
    if (at === this.data.length) {
      this.make(Math.max(FIRST_CAPACITY, this.size * 2));
      at = (this.end - this.base) * this.width;
    }
    this.end++;
    return at;
  }

  /** The array `add()` returned a position in (valid until the next add). */
  get array(): T {
    return this.data;
  }

  /** The value at absolute index `i` (start <= i < length): its row's field 0. */
  at(i: number): number {
    return this.data[(i - this.base) * this.width]!;
  }

  /** Field `k` of the row at absolute index `i`. */
  field(i: number, k: number): number {
    return this.data[(i - this.base) * this.width + k]!;
  }

  set(i: number, value: number): void {
    this.data[(i - this.base) * this.width] = value;
  }

  /** The last value appended (the column must not be empty). */
  last(): number {
    return this.data[(this.end - 1 - this.base) * this.width]!;
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
    const rows = this.data.length / this.width;
    if (dead > FIRST_CAPACITY && dead >= live) {
      this.make(Math.max(FIRST_CAPACITY, live * 2 < rows / 4 ? live * 2 : rows));
    }
  }

  /** First absolute index in [from, to) whose value (field `k`) is >= `value` (ascending there), else `to`. */
  lowerBound(value: number, from = this.head, to = this.end, k = 0): number {
    const d = this.data;
    const w = this.width;
    return (
      this.base + partitionPoint(from - this.base, to - this.base, (i) => d[i * w + k]! >= value)
    );
  }

  /** First absolute index in [from, to) whose value (field `k`) is > `value` (ascending there), else `to`. */
  upperBound(value: number, from = this.head, to = this.end, k = 0): number {
    const d = this.data;
    const w = this.width;
    return (
      this.base + partitionPoint(from - this.base, to - this.base, (i) => d[i * w + k]! > value)
    );
  }

  /** Bytes the column's array takes (for the memory it reports). */
  get bytes(): number {
    return this.data.byteLength;
  }

  /** A new array of `capacity` rows holding the live ones from its start. */
  private make(capacity: number): void {
    const w = this.width;
    const next = new this.kind(capacity * w);
    next.set(this.data.subarray((this.head - this.base) * w, (this.end - this.base) * w));
    this.data = next;
    this.base = this.head;
  }
}

export const f64 = (width = 1): Column<Float64Array> => new Column(Float64Array, width);
export const u32 = (width = 1): Column<Uint32Array> => new Column(Uint32Array, width);
export const u16 = (width = 1): Column<Uint16Array> => new Column(Uint16Array, width);
