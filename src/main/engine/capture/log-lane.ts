import type { Direction } from '../../../shared/contract';
import { f64 } from './columns';

/**
 * One stream of bytes: the non-empty chunks of one direction, of one peer
 * or of every peer interleaved as they came (what the Hex and Text views
 * show). A stream offset counts the lane's bytes from its first ever, so
 * it too stays valid when the oldest bytes are evicted.
 */
export class Lane {
  /**
   * Per chunk of the lane, in order: its endpoint ordinal (field 0, what
   * `at` and the searches read) and the stream offset of its first byte
   * (field 1, startAt): one row a chunk, appended at once.
   */
  readonly ords = f64(2);
  /** Bytes the lane has carried, evicted ones included: its stream's length. */
  bytes: number;
  /** Chunks of the lane the log holds, empty ones included: at 0 a peer lane is let go. */
  held = 0;

  constructor(
    readonly id: number,
    readonly dir: Direction,
    /** Null: every peer of this direction. */
    readonly peerId: string | null,
    /** Where its stream starts: past what the peer's earlier lanes carried (see RETIRED_MAX). */
    firstOffset = 0,
    /** True when it starts past bytes nobody remembers, not where the peer's last lane ended. */
    readonly skipped = false,
  ) {
    this.bytes = firstOffset;
  }

  /** Stream offset of the first byte still held (= bytes when nothing is). */
  get firstByte(): number {
    return this.ords.size > 0 ? this.startAt(this.ords.start) : this.bytes;
  }

  /** Stream offset just past lane chunk `i`. */
  endOf(i: number): number {
    return i + 1 < this.ords.length ? this.startAt(i + 1) : this.bytes;
  }

  /** Lane index of the held chunk holding stream offset `offset`, or -1. */
  chunkAt(offset: number): number {
    if (offset < this.firstByte || offset >= this.bytes) return -1;
    return this.ords.upperBound(offset, this.ords.start, this.ords.length, 1) - 1;
  }

  /** Lane index of the chunk with endpoint ordinal `ordinal`, or -1 when it is not in this lane (or gone). */
  indexOf(ordinal: number): number {
    const i = this.ords.lowerBound(ordinal);
    return i < this.ords.length && this.ords.at(i) === ordinal ? i : -1;
  }

  /** Stream offset of the first byte of lane chunk `i`. */
  startAt(i: number): number {
    return this.ords.field(i, 1);
  }

  add(ordinal: number, length: number): void {
    const at = this.ords.add();
    const row = this.ords.array;
    row[at] = ordinal;
    row[at + 1] = this.bytes;
    this.bytes += length;
  }

  /** The chunk at the lane's head was evicted. */
  dropFirst(ordinal: number): void {
    const head = this.ords.start;
    if (head < this.ords.length && this.ords.at(head) === ordinal) {
      this.ords.dropBefore(head + 1);
    }
  }
}
