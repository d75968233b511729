/**
 * The bytes a framer holds between pushes, with the time each arrived. A
 * frame spread over a thousand one-byte chunks must cost O(its length), so
 * this is a growable ring-less buffer with amortized O(1) appends and
 * compaction, never a re-concatenation of everything pending.
 */

/** What {@link ByteQueue.take} returns: a frame's bytes and arrival times. */
export interface Taken {
  data: Uint8Array;
  firstTime: number;
  lastTime: number;
}

const SHRINK_ABOVE = 1 << 20;

export class ByteQueue {
  private buf = new Uint8Array(4096);
  private start = 0;
  private end = 0;
  /** Stream position of `buf[start]`, counted from the first byte ever pushed. */
  private base = 0;
  /** Per pushed chunk: the stream position just past it and its time, oldest first. */
  private markEnds: number[] = [];
  private markTimes: number[] = [];
  private markHead = 0;

  get length(): number {
    return this.end - this.start;
  }

  /** The byte at `i` bytes from the front (`i < length`). */
  at(i: number): number {
    return this.buf[this.start + i]!;
  }

  /** The time of the newest byte; meaningless when empty. */
  get lastTime(): number {
    return this.markTimes[this.markTimes.length - 1] ?? 0;
  }

  push(data: Uint8Array, time: number): void {
    if (data.length === 0) return;
    this.reserve(data.length);
    this.buf.set(data, this.end);
    this.end += data.length;
    this.markEnds.push(this.base + this.length);
    this.markTimes.push(time);
  }

  /** Where `pattern` first starts at or after `from` (relative), or -1. */
  indexOf(pattern: Uint8Array, from: number): number {
    const first = pattern[0]!;
    const last = this.end - pattern.length;
    let i = this.start + from;
    while (i <= last) {
      // The engine's native scan finds candidates; the rest is checked by hand.
      const hit = this.buf.indexOf(first, i);
      if (hit < 0 || hit > last) return -1;
      let k = 1;
      while (k < pattern.length && this.buf[hit + k] === pattern[k]) k++;
      if (k === pattern.length) return hit - this.start;
      i = hit + 1;
    }
    return -1;
  }

  /**
   * Removes the first `span` bytes and returns a copy of the first `keep` of
   * them (a delimiter can be dropped this way), timed by the whole span.
   */
  take(span: number, keep = span): Taken {
    const data = this.buf.slice(this.start, this.start + keep);
    const firstTime = this.timeAt(this.base);
    const lastTime = this.timeAt(this.base + span - 1);
    this.start += span;
    this.base += span;
    if (this.start === this.end) {
      this.start = this.end = 0;
      // Let go of the memory a huge frame needed once it is gone.
      if (this.buf.length > SHRINK_ABOVE) this.buf = new Uint8Array(4096);
    }
    // Drop the marks of chunks that are now wholly consumed.
    while (this.markHead < this.markEnds.length && this.markEnds[this.markHead]! <= this.base) {
      this.markHead++;
    }
    if (this.markHead > 1024 && this.markHead * 2 > this.markEnds.length) {
      this.markEnds = this.markEnds.slice(this.markHead);
      this.markTimes = this.markTimes.slice(this.markHead);
      this.markHead = 0;
    }
    return { data, firstTime, lastTime };
  }

  /** The time of the chunk holding stream position `pos` (which is still held). */
  private timeAt(pos: number): number {
    // Frames are taken from the front, so the answer is near the head: a
    // short linear walk beats a binary search for the common case.
    let m = this.markHead;
    while (m < this.markEnds.length - 1 && this.markEnds[m]! <= pos) m++;
    return this.markTimes[m] ?? 0;
  }

  private reserve(n: number): void {
    if (this.end + n <= this.buf.length) return;
    const live = this.length;
    // Compact only when at least half the buffer is free, so each byte is
    // moved O(1) times on average; otherwise double.
    if (live + n <= this.buf.length && this.start * 2 >= this.buf.length) {
      this.buf.copyWithin(0, this.start, this.end);
    } else {
      const next = new Uint8Array(Math.max(this.buf.length * 2, live + n));
      next.set(this.buf.subarray(this.start, this.end));
      this.buf = next;
    }
    this.start = 0;
    this.end = live;
  }
}
