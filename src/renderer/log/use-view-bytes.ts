import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Direction, WirebenchApi } from '../../shared/contract';
import { useApi } from '../api/api-context';
import { BytePager } from '../store/log-pages/byte-pager';
import { useWorkbench, type LogRow } from '../store/store';
import type { Span } from './row-highlight';
import type { LogModel } from './use-log-model';

const noSubscribe = () => () => undefined;
const noVersion = () => -1;

/** A byte pager made for `key` (a new one when the key changes), reading while shown. */
function usePager(key: string | null, make: () => BytePager): BytePager | null {
  const [held, setHeld] = useState(() => (key === null ? null : { key, pager: make() }));
  let current = held;
  if ((held?.key ?? null) !== key) {
    // Made during the render that needs it; it reads only once started below.
    current = key === null ? null : { key, pager: make() };
    setHeld(current);
  }
  const pager = current?.pager ?? null;
  useEffect(() => {
    if (!pager) return;
    pager.begin();
    return () => pager.stop();
  }, [pager]);
  useSyncExternalStore(pager?.subscribe ?? noSubscribe, pager?.getVersion ?? noVersion);
  return pager;
}

/** The key naming a row's bytes: its stretch of its peer's stream. */
export function rowBytesKey(endpointId: string, row: LogRow | null): string | null {
  return row && `${endpointId}|${row.dir}|${row.peerId}|${row.streamOffset}|${row.length}`;
}

/** One row's bytes (a message), read from its peer's stream. */
export function useRowBytes(api: WirebenchApi, endpointId: string, row: LogRow | null) {
  return usePager(
    rowBytesKey(endpointId, row),
    () =>
      new BytePager(
        api,
        { endpointId, dir: row!.dir, peerId: row!.peerId },
        row!.streamOffset,
        row!.streamOffset + row!.length,
      ),
  );
}

/** A direction's whole stream (every peer's as they came), kept up with as the log grows. */
export function useStreamBytes(api: WirebenchApi, endpointId: string, dir: Direction | null) {
  const pager = usePager(
    dir && `${endpointId}|${dir}`,
    () => new BytePager(api, { endpointId, dir: dir! }, 0, null),
  );
  const tick = useWorkbench((s) => s.live[endpointId]?.tick ?? 0);
  useEffect(() => {
    void pager?.refresh();
  }, [pager, tick]);
  return pager;
}

/** What the Hex and Text views show: the selected message or one direction's stream. */
export function useViewSource(model: LogModel): { pager: BytePager | null; key: string | null } {
  const api = useApi();
  const message = model.ui.source === 'message';
  const row = useRowBytes(api, model.endpointId, message ? model.selectedRow : null);
  const source = model.ui.source;
  const stream = useStreamBytes(api, model.endpointId, source === 'message' ? null : source);
  return message
    ? { pager: row, key: rowBytesKey(model.endpointId, model.selectedRow) }
    : { pager: stream, key: `${model.endpointId}|${model.ui.source}` };
}

/** Matches this many at most are marked in one message. */
const MARKED_MAX = 200;

/**
 * Find's matches within a row, as byte ranges of the row (read from the
 * search in main), and the one Find moved to (to bring into view).
 */
export function useMatchSpans(
  model: LogModel,
  row: LogRow | null,
): { spans: Span[]; reveal: number | null } {
  const api = useApi();
  const search = model.scans.search;
  const [spans, setSpans] = useState<{ key: string; spans: Span[] } | null>(null);
  const key =
    row && search ? `${search.scanId}|${search.status.found}|${rowBytesKey('', row)}` : null;
  useEffect(() => {
    if (!row || !search || key === null) return;
    let live = true;
    void api
      .readLogSearch({
        scanId: search.scanId,
        anchor: { seq: row.seq, offset: 0 },
        count: MARKED_MAX,
      })
      .then((r) => {
        if (!live || !r.ok) return;
        const end = row.streamOffset + row.length;
        const out: Span[] = [];
        for (const m of r.value.matches) {
          if (m.dir !== row.dir || m.peerId !== row.peerId) continue;
          if (m.streamOffset >= end) break;
          const s = m.streamOffset - row.streamOffset;
          if (s + m.length > 0) out.push([Math.max(0, s), Math.min(row.length, s + m.length)]);
        }
        setSpans({ key, spans: out });
      });
    return () => {
      live = false;
    };
    // The key says when the row or the search's findings changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const current = model.scans.current;
  const reveal =
    row && current && current.row === row.row && current.match.dir === row.dir
      ? current.match.streamOffset - row.streamOffset
      : null;
  return { spans: spans?.key === key ? spans.spans : [], reveal };
}
