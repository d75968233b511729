import type { KernelJob } from './search-kernel';

/** A job's share of the work: bounded so cancel is prompt and progress moves. */
export const JOB_BYTES = 32 * 1024 * 1024;
export const JOB_SEGMENTS = 64 * 1024;

/**
 * Gathers the segments of one worker job (search-kernel.ts): views of the
 * log's slabs are passed as they are (a SharedArrayBuffer is shared, not
 * copied); a chunk kept outside the slabs (a big send) is copied into a
 * buffer the job owns and hands over.
 */
export class JobBuilder {
  readonly buffers: ArrayBufferLike[] = [];
  readonly transfer: ArrayBuffer[] = [];
  private readonly ids = new Map<ArrayBufferLike, number>();
  private readonly segs: number[] = [];
  bytes = 0;

  get segments(): number {
    return this.segs.length / 6;
  }

  get full(): boolean {
    return this.bytes >= JOB_BYTES || this.segments >= JOB_SEGMENTS;
  }

  /** Adds a piece of a group; `brk`: it does not continue the piece before it. */
  add(data: Uint8Array, group: number, groupOffset: number, brk: boolean): void {
    if (data.byteLength === 0) return;
    let buf: number;
    let offset = data.byteOffset;
    if (data.buffer instanceof SharedArrayBuffer) {
      buf = this.ids.get(data.buffer) ?? this.register(data.buffer);
    } else {
      const copy = data.slice();
      buf = this.register(copy.buffer);
      this.transfer.push(copy.buffer);
      offset = 0;
    }
    this.segs.push(buf, offset, data.byteLength, group, groupOffset, brk ? 1 : 0);
    this.bytes += data.byteLength;
  }

  job(
    fields: Pick<
      KernelJob,
      'mode' | 'needle' | 'regex' | 'firstOnly' | 'maxMatches' | 'regexScanBytes'
    >,
  ): Omit<KernelJob, 'id'> {
    return { ...fields, buffers: this.buffers, segs: Float64Array.from(this.segs) };
  }

  private register(buffer: ArrayBufferLike): number {
    const id = this.buffers.length;
    this.buffers.push(buffer);
    this.ids.set(buffer, id);
    return id;
  }
}
