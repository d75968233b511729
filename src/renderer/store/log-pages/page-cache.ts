import type { ResultOf } from '../../../shared/contract';
import type { PageRow } from '../../../shared/contract/ops/log-page-ops';
import type { ScanStatusInfo } from '../../../shared/contract/log-scan';

/**
 * A window's bounded cache of one view's rows (log-page-ops.ts): pages of
 * PAGE_ROWS positions, at most MAX_PAGES of them, each row with the first
 * ROW_PREVIEW_BYTES of its bytes (what a row of the Messages view draws).
 * Pure functions from one window to the next; row-pager.ts asks main for
 * the pages and keeps the result in the store.
 */
export const PAGE_ROWS = 100;
/** Pages kept per view: a few screens around where the person looks, and the tail. */
export const MAX_PAGES = 40;
/** Bytes of each row a page carries: the Messages view draws 24 in hex and 64 as text. */
export const ROW_PREVIEW_BYTES = 96;

/** A row as a page brought it, with the bytes it carried (`data`; `length` is the whole row's). */
export interface LogRow extends PageRow {
  data: Uint8Array;
}

/** Slot i holds position `index * PAGE_ROWS + i`: a row, null when it is gone, undefined when not read. */
export type RowPage = ReadonlyArray<LogRow | null | undefined>;

type Counters = Pick<
  ResultOf<'logRowCount'>,
  'total' | 'firstHeld' | 'gone' | 'framing' | 'filter'
>;

export interface RowWindow {
  /** Which view the rows belong to (framing and filter): rows of another are never mixed in. */
  key: string;
  /** The filter read (positions are the filter's), or null for the whole view. */
  filterId: string | null;
  total: number;
  firstHeld: number;
  /** What the log evicted of this connection. */
  gone: { chunks: number; bytes: number };
  /** Chunks main has not framed yet. */
  behindChunks: number;
  filter: ScanStatusInfo | null;
  /** The first position shown (rows before it were cleared). */
  start: number;
  /** While paused: the position where the shown rows end. */
  end: number | null;
  /** The newest chunk seq the view knows of (for Pause and Clear). */
  seqEnd: number;
  pages: ReadonlyMap<number, RowPage>;
}

export function emptyWindow(key: string, filterId: string | null): RowWindow {
  return {
    key,
    filterId,
    total: 0,
    firstHeld: 0,
    gone: { chunks: 0, bytes: 0 },
    behindChunks: 0,
    filter: null,
    start: 0,
    end: null,
    seqEnd: -1,
    pages: new Map(),
  };
}

/** The positions the view shows: [first, end). */
export function shownRange(w: RowWindow): { first: number; end: number } {
  const end = Math.min(w.end ?? w.total, w.total);
  return { first: Math.min(end, Math.max(w.start, w.firstHeld)), end };
}

/** The row at a position: the row, null when gone, undefined when not read yet. */
export function rowAt(w: RowWindow, position: number): LogRow | null | undefined {
  if (position < w.firstHeld) return null;
  return w.pages.get(Math.floor(position / PAGE_ROWS))?.[position % PAGE_ROWS];
}

/** The window with new counters; pages wholly below what the log holds are let go. */
export function withCounters(w: RowWindow, c: Counters & { lastSeq?: number }): RowWindow {
  let pages = w.pages;
  const lowest = Math.floor(c.firstHeld / PAGE_ROWS);
  for (const k of pages.keys()) {
    if (k >= lowest) continue;
    if (pages === w.pages) pages = new Map(pages);
    (pages as Map<number, RowPage>).delete(k);
  }
  return {
    ...w,
    total: c.total,
    firstHeld: c.firstHeld,
    gone: c.gone,
    behindChunks: c.framing.behindChunks,
    filter: c.filter ?? null,
    seqEnd: Math.max(w.seqEnd, c.lastSeq ?? -1),
    pages,
  };
}

/** The window with a page of rows taken in (its counters too). */
export function withRows(w: RowWindow, r: ResultOf<'logRows'>): RowWindow {
  const rows = r.rows.map((row) => ({
    ...row,
    data: r.bytes.subarray(row.bytesAt, row.bytesAt + row.bytesLength),
  }));
  return placed(withCounters(w, r), rows, r.goneRows);
}

/** The window with rows (and gone positions) put in their pages, each touched page copied once. */
export function placed(w: RowWindow, rows: readonly LogRow[], gone: readonly number[]): RowWindow {
  const pages = new Map(w.pages);
  const touched = new Map<number, Array<LogRow | null | undefined>>();
  const put = (position: number, value: LogRow | null) => {
    const k = Math.floor(position / PAGE_ROWS);
    let page = touched.get(k);
    if (!page) {
      page = pages.get(k)?.slice() ?? new Array<LogRow | null | undefined>(PAGE_ROWS);
      touched.set(k, page);
    }
    page[position % PAGE_ROWS] = value;
  };
  let seqEnd = w.seqEnd;
  for (const row of rows) {
    put(row.position, row);
    seqEnd = Math.max(seqEnd, row.lastSeq);
  }
  for (const position of gone) put(position, null);
  for (const [k, page] of touched) pages.set(k, page);
  return { ...w, pages, seqEnd };
}

/** Pages with a shown position in [from, to) that is not read yet, nearest `from` first. */
export function missingPages(w: RowWindow, from: number, to: number): number[] {
  const shown = shownRange(w);
  const lo = Math.max(from, shown.first);
  const hi = Math.min(to, shown.end);
  const out: number[] = [];
  for (let k = Math.floor(lo / PAGE_ROWS); k * PAGE_ROWS < hi; k++) {
    const page = w.pages.get(k);
    const a = Math.max(lo, k * PAGE_ROWS);
    const b = Math.min(hi, (k + 1) * PAGE_ROWS);
    let missing = !page;
    for (let p = a; !missing && p < b; p++) missing = page![p - k * PAGE_ROWS] === undefined;
    if (missing) out.push(k);
  }
  return out;
}

/**
 * The window within MAX_PAGES: the pages farthest from [from, to) go
 * first; those in it, and `pinned`, stay.
 */
export function trimmed(w: RowWindow, from: number, to: number, pinned: number): RowWindow {
  if (w.pages.size <= MAX_PAGES) return w;
  const lo = Math.floor(from / PAGE_ROWS);
  const hi = Math.floor(Math.max(from, to - 1) / PAGE_ROWS);
  const distance = (k: number) => (k < lo ? lo - k : k > hi ? k - hi : 0);
  const keep = [...w.pages.keys()]
    .sort((a, b) => distance(a) - distance(b))
    .slice(0, MAX_PAGES - 1)
    .filter((k) => k !== pinned);
  const pages = new Map<number, RowPage>();
  for (const k of [pinned, ...keep]) {
    const page = w.pages.get(k);
    if (page) pages.set(k, page);
  }
  return { ...w, pages };
}

/** Where a view row is shown, when its page is cached (filters renumber rows; the cache knows how). */
export function positionOfRow(w: RowWindow, row: number): number | undefined {
  if (w.filterId === null) return row;
  for (const [k, page] of w.pages) {
    for (let i = 0; i < page.length; i++) if (page[i]?.row === row) return k * PAGE_ROWS + i;
  }
  return undefined;
}
