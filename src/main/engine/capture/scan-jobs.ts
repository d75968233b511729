import type { KernelJob } from './search-kernel';

/** A job's share of the work: bounded so cancel is prompt and progress moves. */
export const JOB_BYTES = 32 * 1024 * 1024;
export const JOB_SEGMENTS = 64 * 1024;
/** Rows a filter's job judges at most. */
export const JOB_ROWS = 128 * 1024;

/**
 * Gathers the segments of one worker job (search-kernel.ts): pieces of the
 * log's slabs are passed where they are (a SharedArrayBuffer is shared, not
 * copied); a chunk kept outside the slabs (a big send) is copied into a
 * buffer the job owns and hands over. The segment list is one typed array,
 * handed over too. Millions of rows go through here, so a piece is given
 * as (chunk bytes, from, length): no view is made per piece.
 */
export class JobBuilder {
  readonly buffers: ArrayBufferLike[] = [];
  readonly transfer: ArrayBuffer[] = [];
  private readonly ids = new Map<ArrayBufferLike, number>();
  private segs = new Float64Array(6 * 1024);
  private n = 0;
  private rowTable: Float64Array | null = null;
  private rowCount = 0;
  private lastBuffer: ArrayBufferLike | null = null;
  private lastId = -1;
  bytes = 0;

  get segments(): number {
    return this.n;
  }

  get full(): boolean {
    return this.bytes >= JOB_BYTES || this.n >= JOB_SEGMENTS;
  }

  /**
   * Adds bytes [from, from + length) of `data` to a group, at `groupOffset`
   * in it; `brk`: they do not continue the piece before.
   */
  add(
    data: Uint8Array,
    from: number,
    length: number,
    group: number,
    groupOffset: number,
    brk: boolean,
  ): void {
    if (length <= 0) return;
    let buf: number;
    let offset = data.byteOffset + from;
    if (data.buffer === this.lastBuffer) buf = this.lastId;
    else if (data.buffer instanceof SharedArrayBuffer) {
      buf = this.ids.get(data.buffer) ?? this.register(data.buffer);
      this.lastBuffer = data.buffer;
      this.lastId = buf;
    } else {
      // A copy of its own (a Buffer's slice() is a view, and its memory is handed over).
      const copy = new Uint8Array(length);
      copy.set(data.subarray(from, from + length));
      buf = this.register(copy.buffer);
      this.transfer.push(copy.buffer);
      offset = 0;
    }
    if ((this.n + 1) * 6 > this.segs.length) {
      const grown = new Float64Array(this.segs.length * 2);
      grown.set(this.segs);
      this.segs = grown;
    }
    const at = this.n++ * 6;
    const s = this.segs;
    s[at] = buf;
    s[at + 1] = offset;
    s[at + 2] = length;
    s[at + 3] = group;
    s[at + 4] = groupOffset;
    s[at + 5] = brk ? 1 : 0;
    this.bytes += length;
  }

  /** Rows added so far. */
  get rows(): number {
    return this.rowCount;
  }

  /**
   * Adds a row for rows mode: `length` bytes at `virtualStart` in the job's
   * stream (the bytes added so far are positions [0, bytes)).
   */
  row(virtualStart: number, length: number, group: number): void {
    let t = this.rowTable ?? (this.rowTable = new Float64Array(3 * 1024));
    if ((this.rowCount + 1) * 3 > t.length) {
      const grown = new Float64Array(t.length * 2);
      grown.set(t);
      this.rowTable = t = grown;
    }
    const at = this.rowCount++ * 3;
    t[at] = virtualStart;
    t[at + 1] = length;
    t[at + 2] = group;
  }

  /** The job, and what to hand over with it (copied chunks, the segment and row lists). */
  job(
    fields: Pick<
      KernelJob,
      'mode' | 'needle' | 'regex' | 'firstOnly' | 'maxMatches' | 'regexScanBytes'
    >,
  ): { job: Omit<KernelJob, 'id'>; transfer: ArrayBuffer[] } {
    const segs = this.segs.slice(0, this.n * 6);
    const rows = this.rowTable ? this.rowTable.slice(0, this.rowCount * 3) : null;
    const transfer = [...this.transfer, segs.buffer];
    if (rows) transfer.push(rows.buffer);
    return { job: { ...fields, buffers: this.buffers, segs, rows }, transfer };
  }

  private register(buffer: ArrayBufferLike): number {
    const id = this.buffers.length;
    this.buffers.push(buffer);
    this.ids.set(buffer, id);
    return id;
  }
}
