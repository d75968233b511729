import type { StateCreator } from 'zustand';
import type { Chunk } from '../../../shared/contract';
import { oldestToDrop } from '../log-model/trim-oldest';
import type { WorkbenchState } from '../store';

/** The newest rows a tab keeps for its view; the capture log in main keeps more. */
export const VIEW_ROW_LIMIT = 200_000;
/**
 * The most chunk bytes a tab keeps for its view: without it a long flood of
 * 64 KiB chunks would fill 200,000 rows with 13 GB and take the window down.
 */
export const VIEW_BYTE_LIMIT = 64 * 1024 * 1024;

/** One connection's chunks as this window received them, and what it did not get. */
export interface LogView {
  rows: Chunk[];
  /** Bytes of the chunks in `rows`. */
  heldBytes: number;
  /** Dropped by the capture log's budget (main process). */
  evicted: { chunks: number; bytes: number };
  /** Not delivered to this window because it was behind; the capture log keeps them while it has room. */
  skipped: { chunks: number; bytes: number };
  /** Rows this window let go of to stay within VIEW_ROW_LIMIT and VIEW_BYTE_LIMIT. */
  trimmed: { chunks: number; bytes: number };
  lastSeq: number;
  /** Bumped on every change, so components re-render without copying rows. */
  version: number;
}

/**
 * The log rows, per connection: only the feed writes them (store/feed.ts),
 * appending in place, so a million rows are never copied. Paging from the
 * capture log (a page cache beside this slice) will take their place.
 */
export interface LogRowsSlice {
  logs: Record<string, LogView>;
}

export const createLogRowsSlice: StateCreator<WorkbenchState, [], [], LogRowsSlice> = () => ({
  logs: {},
});

export function emptyLog(): LogView {
  return {
    rows: [],
    heldBytes: 0,
    evicted: { chunks: 0, bytes: 0 },
    skipped: { chunks: 0, bytes: 0 },
    trimmed: { chunks: 0, bytes: 0 },
    lastSeq: -1,
    version: 0,
  };
}

/** Appends chunks to their tabs' views, skipping any already there (by seq); returns the tabs touched. */
export function appendChunks(state: Pick<LogRowsSlice, 'logs'>, chunks: Chunk[]): Set<string> {
  const touched = new Set<string>();
  for (const chunk of chunks) {
    const log = (state.logs[chunk.endpointId] ??= emptyLog());
    if (chunk.seq <= log.lastSeq) continue;
    log.rows.push(chunk);
    log.heldBytes += chunk.data.byteLength;
    log.lastSeq = chunk.seq;
    touched.add(chunk.endpointId);
  }
  for (const id of touched) trim(state.logs[id] as LogView);
  return touched;
}

function trim(log: LogView): void {
  const drop = oldestToDrop(log.rows, log.heldBytes, VIEW_ROW_LIMIT, VIEW_BYTE_LIMIT);
  if (drop.count === 0) return;
  log.rows.splice(0, drop.count);
  log.heldBytes -= drop.bytes;
  log.trimmed = {
    chunks: log.trimmed.chunks + drop.count,
    bytes: log.trimmed.bytes + drop.bytes,
  };
}
