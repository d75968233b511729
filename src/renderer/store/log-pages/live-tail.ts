import type { Chunk } from '../../../shared/contract';
import { placed, ROW_PREVIEW_BYTES, type LogRow, type RowWindow } from './page-cache';

/**
 * Where the live chunks go in a raw view: the chunk after `lastSeq` (of
 * this connection) is the row at position `total`. Main says so with every
 * count (logRowCount's total and lastSeq, or a tail page's last row); it
 * stays true while every chunk of the connection reaches the window, which
 * the live events say (a skip breaks it until main is asked again).
 */
export interface LiveSync {
  total: number;
  lastSeq: number;
}

/**
 * The newest rows of a raw view straight from the live events, so a row
 * shows as soon as its chunk's news comes, not a round trip later: one
 * row per chunk, with the bytes a row draws (copied: the batch is not
 * kept). Their stream offsets are not known here (-1): a page from main
 * replaces them, and a row is described by main before its bytes are read.
 */
export function withLiveChunks(
  w: RowWindow,
  chunks: readonly Chunk[],
  sync: LiveSync,
): { window: RowWindow; sync: LiveSync } {
  let { total, lastSeq } = sync;
  const rows: LogRow[] = [];
  for (const c of chunks) {
    if (c.seq <= lastSeq) continue;
    lastSeq = c.seq;
    const data = c.data.slice(0, ROW_PREVIEW_BYTES);
    const row: LogRow = {
      position: total,
      row: total,
      seq: c.seq,
      lastSeq: c.seq,
      time: c.time,
      dir: c.dir,
      peerId: c.peerId,
      length: c.data.length,
      streamOffset: -1,
      dirOffset: -1,
      bytesAt: 0,
      bytesLength: data.length,
      data,
    };
    if (c.origin) row.origin = c.origin;
    rows.push(row);
    total++;
  }
  if (rows.length === 0) return { window: w, sync };
  const next = placed(w, rows, []);
  return { window: { ...next, total: Math.max(next.total, total) }, sync: { total, lastSeq } };
}

/** Whether a row came from the live events and main has not described it yet. */
export function provisional(row: LogRow): boolean {
  return row.streamOffset < 0;
}

/** What a count was asked under: later news may make its answer too old to place live chunks by. */
export interface Asked {
  epoch: number;
  stamp: number;
}

/**
 * A raw view's live placing: where the next chunk goes, kept from main's
 * counts and the chunks placed since; forgotten when the news skipped
 * chunks, until a count asked after the skip comes back.
 */
export class LiveTail {
  private sync: LiveSync | null = null;
  /** Bumped when the live news skipped chunks. */
  private epoch = 0;
  /** Bumped at each live chunk placed; `total` is the position after the last. */
  private stamp = 0;
  private total = 0;

  /** A new view, or news that chunks were skipped: nothing is placed until main counts again. */
  forget(skipped: boolean): void {
    this.sync = null;
    if (skipped) this.epoch++;
    else this.total = 0;
  }

  asked(): Asked {
    return { epoch: this.epoch, stamp: this.stamp };
  }

  /** A count asked at `asked` came back: it places live chunks when nothing newer did and none was skipped since. */
  counted(asked: Asked, total: number, lastSeq: number): void {
    if (asked.epoch === this.epoch && asked.stamp === this.stamp) this.sync = { total, lastSeq };
  }

  /** A tail page asked at `asked`: rows placed live since then stay shown. */
  kept(asked: Asked, w: RowWindow): RowWindow {
    return asked.stamp !== this.stamp && this.total > w.total ? { ...w, total: this.total } : w;
  }

  /** The window with these chunks as its newest rows, or null when they cannot be placed. */
  place(w: RowWindow, chunks: readonly Chunk[]): RowWindow | null {
    if (this.sync === null) return null;
    const next = withLiveChunks(w, chunks, this.sync);
    if (next.sync === this.sync) return null;
    this.sync = next.sync;
    this.total = next.sync.total;
    this.stamp++;
    return next.window;
  }
}
