import { Queue } from '../../../shared/collections/queue';
import { firstAfterSeq, upperBound } from '../../../shared/collections/sorted-search';
import type { Chunk, Direction } from '../../../shared/contract';

/** Bytes a Hex or Text view shows: one message, or a direction's whole stream. */
export interface ByteSource {
  /** Stream offset of the first byte held (older bytes were let go). */
  readonly offset: number;
  readonly length: number;
  /** A copy (or view) of bytes [start, end) relative to the first byte held. */
  slice(start: number, end: number): Uint8Array;
}

export function messageSource(data: Uint8Array): ByteSource {
  return { offset: 0, length: data.length, slice: (s, e) => data.subarray(s, e) };
}

/** The most of one direction's stream a view holds; older bytes are let go (the capture log keeps them). */
export const STREAM_VIEW_BYTES = 64 * 1024 * 1024;

/**
 * One direction's stream of a connection, as the chunks that carried it:
 * nothing is concatenated up front, so a long stream costs one array slot
 * per chunk, and a view copies out only the rows it draws.
 */
export class StreamSource implements ByteSource {
  private parts = new Queue<Uint8Array>();
  /** Stream offset where each part starts (counted from the first byte ever taken in), part for part. */
  private starts = new Queue<number>();
  private held = 0;
  private dropped = 0;
  private lastSeq = -1;
  version = 0;

  constructor(
    readonly dir: Direction,
    private readonly limit = STREAM_VIEW_BYTES,
  ) {}

  get offset(): number {
    return this.dropped;
  }

  get length(): number {
    return this.held;
  }

  /** Takes in new rows (seq order); true when bytes were added. */
  sync(rows: readonly Chunk[], floorSeq = -1): boolean {
    const lo = firstAfterSeq(rows, Math.max(this.lastSeq, floorSeq));
    if (lo >= rows.length) return false;
    let added = false;
    for (let i = lo; i < rows.length; i++) {
      const c = rows[i]!;
      if (c.dir !== this.dir || c.data.length === 0) continue;
      this.starts.push(this.dropped + this.held);
      this.parts.push(c.data);
      this.held += c.data.length;
      added = true;
    }
    this.lastSeq = rows[rows.length - 1]!.seq;
    while (this.held > this.limit && this.parts.length > 1) {
      const n = this.parts.shift()!.length;
      this.starts.shift();
      this.held -= n;
      this.dropped += n;
    }
    if (added) this.version++;
    return added;
  }

  slice(start: number, end: number): Uint8Array {
    end = Math.min(end, this.held);
    if (end <= start) return new Uint8Array(0);
    const out = new Uint8Array(end - start);
    const absStart = this.dropped + start;
    let p = this.partAt(absStart);
    let at = 0;
    while (at < out.length && p < this.parts.length) {
      const part = this.parts.at(p)!;
      const from = Math.max(0, absStart + at - this.starts.at(p)!);
      const take = Math.min(part.length - from, out.length - at);
      out.set(part.subarray(from, from + take), at);
      at += take;
      p++;
    }
    return out;
  }

  /** The part holding stream offset `abs` (the first part when `abs` is older). */
  private partAt(abs: number): number {
    return Math.max(0, upperBound(this.starts, abs) - 1);
  }
}
