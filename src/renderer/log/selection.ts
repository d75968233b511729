import type { WirebenchApi } from '../../shared/contract';
import {
  PAGE_ROWS_MAX,
  ROW_BYTES_MAX,
  STREAM_WINDOW_MAX,
  type PageRow,
} from '../../shared/contract/ops/log-page-ops';
import { READ_MAX } from '../store/log-pages/byte-pager';
import { filterIdOf, viewSpec, type ViewSpec } from '../store/log-pages/view-spec';
import { selectedRange, type LogRow } from '../store/store';
import { sayCopyCut } from './CopyMenu';
import type { LogModel } from './use-log-model';

/** Most rows a selection copies, exports or hands on at once. */
export const MAX_SELECTED = 100_000;

/** A selected row and all of its bytes (or the first READ_MAX of them). */
export interface SelectedRow {
  row: LogRow;
  bytes: Uint8Array;
}

/**
 * The selected rows (a Shift range of view rows, or the one selected), in
 * order, as the view shows them (through its filter), each with its bytes,
 * read from the main process: what Copy copies, and what any feature that
 * works on a selection reads. Bytes past READ_MAX in all are not read.
 */
export async function readSelectedRows(
  api: WirebenchApi,
  model: Pick<LogModel, 'endpointId' | 'ui' | 'scans'>,
): Promise<{ rows: SelectedRow[]; cut: boolean }> {
  const range = selectedRange(model.ui);
  if (!range) return { rows: [], cut: false };
  const spec = viewSpec(model.endpointId, model.ui, filterIdOf(model.scans));
  return readViewRows(api, spec, {
    from: range.from,
    to: Math.min(range.to, range.from + MAX_SELECTED - 1),
  });
}

/** Which rows of a view readViewRows reads. */
export interface RowReach {
  /** View rows [from, to] (with a filter, its rows within them). */
  from: number;
  to: number;
  /** Rows read at most (kept or not). */
  maxRows?: number;
  /** Keeps only the rows this says yes to (their bytes are the ones counted). */
  keep?(row: PageRow): boolean;
}

/**
 * Rows of a view in order, each with all of its bytes, read from the main
 * process a page at a time; READ_MAX bytes in all at most (`cut` says the
 * rest was not read).
 */
export async function readViewRows(
  api: WirebenchApi,
  spec: ViewSpec,
  reach: RowReach,
): Promise<{ rows: SelectedRow[]; cut: boolean }> {
  const { to, keep } = reach;
  const out: SelectedRow[] = [];
  let bytes = 0;
  let left = reach.maxRows ?? Number.MAX_SAFE_INTEGER;
  let anchor: { row: number } | { position: number } =
    spec.filterId !== undefined ? { row: reach.from } : { position: reach.from };
  for (;;) {
    const r = await api.logRows({
      ...spec,
      anchor,
      count: Math.min(PAGE_ROWS_MAX, left),
      maxRowBytes: ROW_BYTES_MAX,
    });
    if (!r.ok) break;
    for (const row of r.value.rows) {
      if (row.row > to || left-- <= 0) return { rows: out, cut: false };
      if (keep && !keep(row)) continue;
      if (bytes >= READ_MAX) return { rows: out, cut: true };
      let data = r.value.bytes.subarray(row.bytesAt, row.bytesAt + row.bytesLength);
      if (row.length > row.bytesLength) data = (await wholeRow(api, spec.endpointId, row)) ?? data;
      out.push({ row: { ...row, data }, bytes: data });
      bytes += data.length;
      if (data.length < row.length) return { rows: out, cut: true };
    }
    const last = r.value.rows[r.value.rows.length - 1];
    if (!last || r.value.rows.length < PAGE_ROWS_MAX || left <= 0) break;
    anchor = { position: last.position + 1 };
  }
  return { rows: out, cut: bytes >= READ_MAX };
}

/** A row longer than a page carries, read from its peer's stream (READ_MAX at most; null when gone). */
async function wholeRow(
  api: WirebenchApi,
  endpointId: string,
  row: PageRow,
): Promise<Uint8Array | null> {
  const length = Math.min(row.length, READ_MAX);
  const out = new Uint8Array(length);
  let at = 0;
  while (at < length) {
    const r = await api.logStream({
      endpointId,
      dir: row.dir,
      peerId: row.peerId,
      offset: row.streamOffset + at,
      length: Math.min(STREAM_WINDOW_MAX, length - at),
    });
    if (!r.ok || r.value.offset !== row.streamOffset + at || r.value.bytes.length === 0) {
      return null;
    }
    const take = Math.min(r.value.bytes.length, length - at);
    out.set(r.value.bytes.subarray(0, take), at);
    at += take;
  }
  return out;
}

/** The bytes of the selected rows, one after the other (for Copy: a cut is said). */
export async function selectedBytes(
  api: WirebenchApi,
  model: LogModel,
): Promise<Uint8Array | null> {
  const { rows, cut } = await readSelectedRows(api, model);
  if (cut) sayCopyCut();
  if (rows.length === 0) return null;
  if (rows.length === 1) return rows[0]!.bytes;
  const out = new Uint8Array(rows.reduce((n, r) => n + r.bytes.length, 0));
  let at = 0;
  for (const r of rows) {
    out.set(r.bytes, at);
    at += r.bytes.length;
  }
  return out;
}

/** The chunk seq range the selection covers, for an export of the selection. */
export async function selectedSeqRange(
  api: WirebenchApi,
  model: LogModel,
): Promise<{ fromSeq: number; toSeq: number } | null> {
  const range = selectedRange(model.ui);
  if (!range) return null;
  const spec = viewSpec(model.endpointId, model.ui, null);
  const ends = await Promise.all(
    [range.from, range.to].map((position) =>
      api.logRows({ ...spec, anchor: { position }, count: 1, maxRowBytes: 0 }),
    ),
  );
  const [a, b] = ends.map((r) => (r.ok ? r.value.rows[0] : undefined));
  if (!a || !b) return null;
  return { fromSeq: a.seq, toSeq: b.lastSeq };
}
