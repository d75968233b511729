import { firstAfterSeq } from '../../shared/collections/sorted-search';
import type { Chunk, Direction } from '../../shared/contract';

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
/** When the terminal falls this far behind, older bytes are skipped (they stay in the log). */
export const MAX_BEHIND = 1024 * 1024;

/** What the feeder needs of an xterm Terminal. */
export interface TerminalSink {
  write(data: Uint8Array | string, done?: () => void): void;
}

/**
 * Feeds a connection's chunks to a terminal with flow control (as Tabby's
 * xterm frontend does): each write's callback says xterm has parsed it;
 * feeding stops above the high watermark and resumes below the low one, so
 * a flood never queues megabytes in xterm's parser and the window stays
 * responsive. A terminal far behind jumps ahead and says what it skipped.
 */
export class TerminalFeeder {
  private lastSeq: number;
  /** Bytes of the chunk after `lastSeq` already written (a chunk is written in slices). */
  private offset = 0;
  private pending = 0;
  private disposed = false;
  skipped = 0;

  constructor(
    private readonly sink: TerminalSink,
    private readonly rows: () => readonly Chunk[],
    private readonly dirs: ReadonlySet<Direction>,
    startAfterSeq = -1,
  ) {
    this.lastSeq = startAfterSeq;
  }

  get pendingBytes(): number {
    return this.pending;
  }

  /** Writes what is new, as far as the watermark allows; call when rows change. */
  pump(): void {
    if (this.disposed || this.pending > HIGH_WATERMARK) return;
    const rows = this.rows();
    let i = firstAfterSeq(rows, this.lastSeq);
    i = this.skipIfFarBehind(rows, i);
    while (i < rows.length && this.pending <= HIGH_WATERMARK) {
      const c = rows[i]!;
      if (!this.dirs.has(c.dir) || this.offset >= c.data.length) {
        this.lastSeq = c.seq;
        this.offset = 0;
        i++;
        continue;
      }
      const slice = c.data.subarray(this.offset, this.offset + WRITE_SLICE);
      this.offset += slice.length;
      this.pending += slice.length;
      this.sink.write(slice, () => this.parsed(slice.length));
    }
  }

  dispose(): void {
    this.disposed = true;
  }

  private parsed(n: number): void {
    const was = this.pending;
    this.pending -= n;
    if (was > LOW_WATERMARK && this.pending <= LOW_WATERMARK) this.pump();
  }

  /** Jumps to the newest MAX_BEHIND bytes when more than that waits; returns the row to go on from. */
  private skipIfFarBehind(rows: readonly Chunk[], from: number): number {
    let behind = -this.offset;
    for (let k = rows.length - 1; k >= from && behind <= MAX_BEHIND; k--) {
      if (this.dirs.has(rows[k]!.dir)) behind += rows[k]!.data.length;
    }
    if (behind <= MAX_BEHIND) return from;
    let keep = 0;
    let k = rows.length - 1;
    while (k >= from && keep + rows[k]!.data.length <= MAX_BEHIND) {
      if (this.dirs.has(rows[k]!.dir)) keep += rows[k]!.data.length;
      k--;
    }
    let skipped = -this.offset;
    for (let s = from; s <= k; s++)
      if (this.dirs.has(rows[s]!.dir)) skipped += rows[s]!.data.length;
    this.skipped += skipped;
    this.lastSeq = rows[k]!.seq;
    this.offset = 0;
    this.sink.write(`\r\n\x1b[7m[… ${skipped} bytes skipped to catch up …]\x1b[0m\r\n`);
    return k + 1;
  }
}
