import type { Direction } from '../../../shared/contract';
import {
  PAGE_BYTES_MAX,
  STREAM_BOUNDARIES_MAX,
  type PageRow,
  type SearchMatch,
} from '../../../shared/contract/ops/log-page-ops';
import type { CaptureLog } from './capture-log';
import type { EndpointIndex } from './log-index';
import type { Lane } from './log-lane';
import type { FilterScan } from './log-filter';
import type { SearchScan } from './log-search';
import { chunkOf, copyLane, type RowRef, type RowSource } from './row-source';

/**
 * Pages built from the indexes: each page's bytes are copied into one
 * buffer of its own, so what leaves main never is a view of a slab (a
 * serializer would copy, or share, the whole slab).
 */

/** Where a page starts: an anchor position and how many entries before it. */
export interface PageSpan {
  anchor: number;
  from: number;
  to: number;
}

/** The entries [from, to) a page covers, within [firstHeld, total). */
export function span(
  anchor: number | 'tail',
  before: number,
  count: number,
  firstHeld: number,
  total: number,
): PageSpan {
  const at = anchor === 'tail' ? total : Math.min(anchor, total);
  const start = anchor === 'tail' ? total - count : at - before;
  const from = Math.min(total, Math.max(firstHeld, start));
  return { anchor: at, from, to: Math.min(total, from + count) };
}

export interface RowsPage {
  rows: PageRow[];
  goneRows: number[];
  bytes: Uint8Array;
}

interface Placed {
  position: number;
  row: number;
  ref: RowRef;
  meta: Omit<PageRow, 'position' | 'row' | 'bytesAt' | 'bytesLength' | 'length' | 'error'>;
  take: number;
}

/** The rows at positions [from, to) of a view, or of a filter over it. */
export function readRows(
  log: CaptureLog,
  source: RowSource,
  filter: FilterScan | null,
  page: PageSpan,
  maxRowBytes: number,
): RowsPage {
  const placed: Placed[] = [];
  const goneRows: number[] = [];
  let budget = PAGE_BYTES_MAX;
  for (let p = page.from; p < page.to; p++) {
    const row = filter ? filter.rowAt(p) : p;
    const ref = source.row(row);
    const meta = ref && describe(log, source.index, ref);
    if (!ref || !meta) {
      goneRows.push(p);
      continue;
    }
    const take = Math.min(ref.length, maxRowBytes, budget);
    budget -= take;
    placed.push({ position: p, row, ref, meta, take });
  }
  const bytes = new Uint8Array(PAGE_BYTES_MAX - budget);
  const rows: PageRow[] = [];
  let at = 0;
  for (const { position, row, ref, meta, take } of placed) {
    if (!copyLane(log, source.index, ref.lane, ref.start, ref.start + take, bytes, at)) {
      goneRows.push(position);
      continue;
    }
    const r: PageRow = {
      position,
      row,
      ...meta,
      length: ref.length,
      bytesAt: at,
      bytesLength: take,
    };
    if (ref.error !== undefined) r.error = ref.error;
    rows.push(r);
    at += take;
  }
  goneRows.sort((a, b) => a - b);
  return { rows, goneRows, bytes };
}

/** A row's chunks, time and offsets; null when its first chunk is gone. */
function describe(log: CaptureLog, index: EndpointIndex, ref: RowRef): Placed['meta'] | null {
  const lane = ref.lane;
  const i = ref.ordinal === undefined ? lane.chunkAt(ref.start) : lane.indexOf(ref.ordinal);
  const ordinal = ref.ordinal ?? (i >= 0 ? lane.ords.at(i) : -1);
  const chunk = ordinal >= 0 ? chunkOf(log, index, ordinal) : undefined;
  if (!chunk) return null;
  let lastSeq = chunk.seq;
  if (ref.length > 1) {
    const j = lane.chunkAt(ref.start + ref.length - 1);
    if (j >= 0) lastSeq = index.seqs.at(lane.ords.at(j));
  }
  const inChunk = i >= 0 ? ref.start - lane.startAt(i) : 0;
  const meta: Placed['meta'] = {
    seq: chunk.seq,
    lastSeq,
    time: chunk.time,
    dir: lane.dir,
    peerId: chunk.peerId,
    streamOffset: ref.start,
    dirOffset: dirOffset(index, lane.dir, ordinal, inChunk),
  };
  if (chunk.origin) meta.origin = chunk.origin;
  return meta;
}

/** Where byte `inChunk` of chunk `ordinal` is in its direction's stream of every peer. */
function dirOffset(index: EndpointIndex, dir: Direction, ordinal: number, inChunk: number): number {
  const lane = index.dirLanes[dir];
  const j = lane.ords.lowerBound(ordinal);
  return (j < lane.ords.length ? lane.startAt(j) : lane.bytes) + inChunk;
}

export interface StreamWindow {
  start: number;
  end: number;
  offset: number;
  bytes: Uint8Array;
  chunks: { seq: number[]; offset: number[]; time: number[]; peerId: string[] };
}

/** Bytes [offset, offset + length) of a lane's stream, with the chunks they came in. */
export function readStream(
  log: CaptureLog,
  index: EndpointIndex,
  lane: Lane | undefined,
  offset: number,
  length: number,
): StreamWindow {
  const chunks: StreamWindow['chunks'] = { seq: [], offset: [], time: [], peerId: [] };
  if (!lane) return { start: 0, end: 0, offset: 0, bytes: new Uint8Array(0), chunks };
  const start = lane.firstByte;
  const from = Math.min(lane.bytes, Math.max(offset, start));
  let to = Math.min(lane.bytes, from + length);
  for (let i = from < to ? lane.chunkAt(from) : -1; i >= 0 && i < lane.ords.length; i++) {
    const chunkStart = lane.startAt(i);
    if (chunkStart >= to) break;
    if (chunks.seq.length === STREAM_BOUNDARIES_MAX) {
      to = chunkStart;
      break;
    }
    const chunk = chunkOf(log, index, lane.ords.at(i));
    if (!chunk) break;
    chunks.seq.push(chunk.seq);
    chunks.offset.push(chunkStart);
    chunks.time.push(chunk.time);
    chunks.peerId.push(chunk.peerId);
  }
  const bytes = new Uint8Array(Math.max(0, to - from));
  copyLane(log, index, lane, from, to, bytes, 0);
  return { start, end: lane.bytes, offset: from, bytes, chunks };
}

/** A search's matches [from, to), placed in their chunks and streams. */
export function readMatches(
  index: EndpointIndex,
  search: SearchScan,
  page: PageSpan,
): SearchMatch[] {
  const out: SearchMatch[] = [];
  for (let i = page.from; i < page.to; i++) {
    const m = search.match(i);
    if (m.ordinal < index.firstHeld) continue;
    const lane = index.laneOf(m.ordinal);
    const k = lane.indexOf(m.ordinal);
    out.push({
      index: i,
      seq: index.seqs.at(m.ordinal),
      offset: m.offset,
      length: m.length,
      dir: lane.dir,
      peerId: lane.peerId ?? '',
      streamOffset: (k >= 0 ? lane.startAt(k) : lane.bytes) + m.offset,
      dirOffset: dirOffset(index, lane.dir, m.ordinal, m.offset),
    });
  }
  return out;
}
