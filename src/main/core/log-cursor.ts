import type { Chunk } from '../../shared/contract';
import {
  CHUNK_OVERHEAD_BYTES,
  type CaptureLog,
  type LogWatcher,
} from '../engine/capture/capture-log';
import type { SkipTally } from './skip-tally';

/** What a window's cursor reads of the capture log. */
export type ChunkLog = Pick<
  CaptureLog,
  'endSeq' | 'indexOfSeq' | 'endIndex' | 'seqAt' | 'lengthAt' | 'endpointAt' | 'chunkAt' | 'watch'
>;

/**
 * Where one window is in the capture log. Every window is sent every
 * endpoint's chunks, and the log holds them all in seq order, so what a
 * window has still to be sent is a range of seqs, from `next` to the log's
 * end: nothing is queued per chunk as it arrives (a UDP flood is 250k
 * datagrams a second, and each window once pushed every one into queues of
 * its own). The range is weighed, capped and sent by walking the log's
 * columns when a batch goes, each chunk weighed once and then either sent
 * or counted as skipped.
 */
export class LogCursor implements LogWatcher {
  /** Every chunk held with a seq below this was sent to the window or skipped. */
  private next: number;
  /** The chunks held with seqs in [next, weighedTo) are `weighedChunks`, weighing `weighedBytes`. */
  private weighedTo: number;
  private weighedBytes = 0;
  private weighedChunks = 0;

  /** A new window starts at the log's end: the chunks before are for its pages, not its feed. */
  constructor(
    private readonly log: ChunkLog,
    private readonly skips: SkipTally,
  ) {
    this.next = this.weighedTo = log.endSeq;
  }

  /** Whether the log has chunks this window was neither sent nor told were skipped. */
  get behind(): boolean {
    return this.next < this.log.endSeq;
  }

  /** Chunks waiting for this window, as of the last weighing (catchUp). */
  get pendingChunks(): number {
    return this.weighedChunks;
  }

  /** Their weight: bytes plus CHUNK_OVERHEAD_BYTES a chunk. */
  get pendingBytes(): number {
    return this.weighedBytes;
  }

  /**
   * Weighs what came since, and skips the oldest waiting while they weigh
   * more than `maxPendingBytes`: a window may lag that far, no further.
   */
  catchUp(maxPendingBytes: number): void {
    this.weigh();
    if (this.weighedBytes <= maxPendingBytes) return;
    const log = this.log;
    const end = log.endIndex;
    let i = log.indexOfSeq(this.next);
    for (; i < end && this.weighedBytes > maxPendingBytes; i++) this.skipAt(i);
    this.next = i < end ? log.seqAt(i) : this.weighedTo;
  }

  /**
   * The oldest chunks waiting, made now from the log, while they weigh less
   * than `maxBytes` and number fewer than `maxChunks` (the last one may
   * cross `maxBytes`). By bytes alone an empty datagram weighed nothing,
   * and a batch once took any number of them.
   */
  take(maxBytes: number, maxChunks: number): Chunk[] {
    this.weigh();
    const log = this.log;
    const end = log.endIndex;
    const out: Chunk[] = [];
    let bytes = 0;
    let i = log.indexOfSeq(this.next);
    for (; i < end && bytes < maxBytes && out.length < maxChunks; i++) {
      bytes += log.lengthAt(i) + CHUNK_OVERHEAD_BYTES;
      out.push(log.chunkAt(i));
    }
    this.weighedBytes -= bytes;
    this.weighedChunks -= out.length;
    this.next = i < end ? log.seqAt(i) : this.weighedTo;
    return out;
  }

  /** The log is about to evict below `beforeSeq`: what this window was not sent of it is skipped. */
  evicting(beforeSeq: number): void {
    if (beforeSeq <= this.next) return;
    const log = this.log;
    const end = log.endIndex;
    for (let i = log.indexOfSeq(this.next); i < end && log.seqAt(i) < beforeSeq; i++) {
      this.skipAt(i);
    }
    this.next = beforeSeq;
    if (this.weighedTo < beforeSeq) this.weighedTo = beforeSeq;
  }

  /**
   * A removed endpoint's chunks left the log: they are neither sent nor
   * counted as skipped (the window forgets the endpoint; a count arriving
   * after would bring it back), and what waits is weighed again.
   */
  forgot(endpointId: string): void {
    this.skips.forget(endpointId);
    this.weighedTo = this.next;
    this.weighedBytes = 0;
    this.weighedChunks = 0;
  }

  /** Counts the chunk at index `i` as skipped, and takes it off the backlog if it was weighed. */
  private skipAt(i: number): void {
    const log = this.log;
    const length = log.lengthAt(i);
    this.skips.add(log.endpointAt(i), length);
    if (log.seqAt(i) < this.weighedTo) {
      this.weighedBytes -= length + CHUNK_OVERHEAD_BYTES;
      this.weighedChunks--;
    }
  }

  /** Weighs the chunks that came since the last weighing. */
  private weigh(): void {
    const log = this.log;
    const endSeq = log.endSeq;
    if (this.weighedTo >= endSeq) return;
    const end = log.endIndex;
    let bytes = 0;
    let chunks = 0;
    for (let i = log.indexOfSeq(this.weighedTo); i < end; i++) {
      bytes += log.lengthAt(i);
      chunks++;
    }
    this.weighedBytes += bytes + chunks * CHUNK_OVERHEAD_BYTES;
    this.weighedChunks += chunks;
    this.weighedTo = endSeq;
  }
}
