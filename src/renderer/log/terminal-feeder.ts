import type { Chunk, Direction } from '../../shared/contract';

/** Bytes handed to xterm but not yet parsed, above which feeding pauses... */
export const HIGH_WATERMARK = 512 * 1024;
/** ...and below which it resumes. */
export const LOW_WATERMARK = 64 * 1024;
/** When the terminal falls this far behind, older bytes are skipped (they stay in the log). */
export const MAX_BEHIND = 4 * 1024 * 1024;

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
    let i = firstAfter(rows, this.lastSeq);
    // Far behind: skip to the newest MAX_BEHIND bytes.
    let behind = 0;
    for (let k = rows.length - 1; k >= i && behind <= MAX_BEHIND; k--) {
      if (this.dirs.has(rows[k]!.dir)) behind += rows[k]!.data.length;
    }
    if (behind > MAX_BEHIND) {
      let keep = 0;
      let k = rows.length - 1;
      for (; k >= i && keep + rows[k]!.data.length <= MAX_BEHIND; k--) {
        if (this.dirs.has(rows[k]!.dir)) keep += rows[k]!.data.length;
      }
      let skipped = 0;
      for (let s = i; s <= k; s++) if (this.dirs.has(rows[s]!.dir)) skipped += rows[s]!.data.length;
      this.skipped += skipped;
      this.sink.write(`\r\n\x1b[7m[… ${skipped} bytes skipped to catch up …]\x1b[0m\r\n`);
      i = k + 1;
    }
    for (; i < rows.length && this.pending <= HIGH_WATERMARK; i++) {
      const c = rows[i]!;
      this.lastSeq = c.seq;
      if (!this.dirs.has(c.dir) || c.data.length === 0) continue;
      const n = c.data.length;
      this.pending += n;
      this.sink.write(c.data, () => {
        const was = this.pending;
        this.pending -= n;
        if (was > LOW_WATERMARK && this.pending <= LOW_WATERMARK) this.pump();
      });
    }
  }

  dispose(): void {
    this.disposed = true;
  }
}

function firstAfter(rows: readonly Chunk[], seq: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
