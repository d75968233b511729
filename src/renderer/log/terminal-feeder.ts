import { Queue } from '../../shared/collections/queue';
import type { Direction } from '../../shared/contract';

/**
 * Bytes handed to xterm but not yet parsed, above which feeding pauses, and
 * below which it resumes. Small on purpose: xterm parses a flood of binary
 * at a few MB/s at best, and each write is parsed in one go, so the amount
 * in flight bounds how long the window can be busy with the terminal.
 */
export const HIGH_WATERMARK = 16 * 1024;
export const LOW_WATERMARK = 4 * 1024;
/** The largest single write, so one write is never a long task. */
export const WRITE_SLICE = 4 * 1024;
/** Bytes waiting for the terminal at most; past this the oldest are skipped (they stay in the log). */
export const MAX_BEHIND = 1024 * 1024;

/** What the feeder needs of an xterm Terminal. */
export interface TerminalSink {
  write(data: Uint8Array | string, done?: () => void): void;
}

/** A chunk as the feeder takes it: the live events' chunks, or rows read from the log. */
export interface FedChunk {
  seq: number;
  dir: Direction;
  data: Uint8Array;
}

/**
 * Feeds a connection's chunks to a terminal with flow control (as Tabby's
 * xterm frontend does): each write's callback says xterm has parsed it;
 * feeding stops above the high watermark and resumes below the low one, so
 * a flood never queues megabytes in xterm's parser and the window stays
 * responsive. What waits is bounded too: a terminal far behind skips to
 * the newest MAX_BEHIND bytes and says what it skipped. Chunks are taken
 * once each, in seq order (a chunk seen before is ignored).
 */
export class TerminalFeeder {
  private readonly waiting = new Queue<Uint8Array>();
  private waitingBytes = 0;
  /** Bytes of the head of `waiting` already written. */
  private offset = 0;
  private pending = 0;
  private lastSeq: number;
  private unsaid = 0;
  private disposed = false;
  skipped = 0;

  constructor(
    private readonly sink: TerminalSink,
    private readonly dirs: ReadonlySet<Direction>,
    afterSeq = -1,
  ) {
    this.lastSeq = afterSeq;
  }

  get pendingBytes(): number {
    return this.pending;
  }

  /** Bytes waiting to be written. */
  get waitingCount(): number {
    return this.waitingBytes - this.offset;
  }

  /** Takes new chunks (their bytes are copied: a batch's buffer is not kept) and writes what it can. */
  push(chunks: readonly FedChunk[]): void {
    if (this.disposed) return;
    for (const c of chunks) {
      if (c.seq <= this.lastSeq) continue;
      this.lastSeq = c.seq;
      if (!this.dirs.has(c.dir) || c.data.length === 0) continue;
      this.waiting.push(c.data.slice());
      this.waitingBytes += c.data.length;
    }
    while (this.waitingCount > MAX_BEHIND && this.waiting.length > 1) {
      const dropped = this.waiting.shift()!.length - this.offset;
      this.waitingBytes -= dropped + this.offset;
      this.offset = 0;
      this.skipped += dropped;
      this.unsaid += dropped;
    }
    this.pump();
  }

  dispose(): void {
    this.disposed = true;
    this.waiting.clear();
    this.waitingBytes = 0;
  }

  private pump(): void {
    if (this.unsaid > 0 && !this.disposed) {
      this.sink.write(`\r\n\x1b[7m[… ${this.unsaid} bytes skipped to catch up …]\x1b[0m\r\n`);
      this.unsaid = 0;
    }
    while (!this.disposed && this.pending <= HIGH_WATERMARK && this.waiting.length > 0) {
      const head = this.waiting.at(0)!;
      const slice = head.subarray(this.offset, this.offset + WRITE_SLICE);
      this.offset += slice.length;
      if (this.offset >= head.length) {
        this.waiting.shift();
        this.waitingBytes -= head.length;
        this.offset = 0;
      }
      this.pending += slice.length;
      this.sink.write(slice, () => this.parsed(slice.length));
    }
  }

  private parsed(n: number): void {
    const was = this.pending;
    this.pending -= n;
    if (was > LOW_WATERMARK && this.pending <= LOW_WATERMARK) this.pump();
  }
}
