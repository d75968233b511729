import type { WirebenchApi } from '../../../shared/contract';
import { provisional } from './live-tail';
import { ROW_PREVIEW_BYTES, rowAt, type LogRow, type RowWindow } from './page-cache';
import type { ViewSpec } from './view-spec';

/**
 * A view row as main describes it (its stream offsets name its bytes, for
 * the detail pane, Hex and Text): from the page cache when it holds it and
 * main described it there, else asked for. Null when there is no such row
 * (or no selection); undefined when main could not answer.
 */
export async function describeRow(
  api: WirebenchApi,
  spec: ViewSpec,
  w: RowWindow,
  row: number | null,
): Promise<LogRow | null | undefined> {
  if (row === null) return null;
  if (w.filterId === null) {
    const cached = rowAt(w, row);
    if (cached && !provisional(cached)) return cached;
  }
  // A view row is a position of the view without its filter.
  const { filterId: _unfiltered, ...view } = spec;
  const r = await api.logRows({
    ...view,
    anchor: { position: row },
    count: 1,
    maxRowBytes: ROW_PREVIEW_BYTES,
  });
  if (!r.ok) return undefined;
  const found = r.value.rows[0];
  if (!found || found.row !== row) return null;
  return {
    ...found,
    data: r.value.bytes.subarray(found.bytesAt, found.bytesAt + found.bytesLength),
  };
}
