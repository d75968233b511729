import type { WirebenchApi } from '../../../shared/contract';
import type { PageRow, SearchMatch } from '../../../shared/contract/ops/log-page-ops';
import { logScansOf, type FoundMatch } from '../slices/log-scans';
import { logUiOf } from '../slices/log-ui';
import { useWorkbench } from '../store';
import { filterIdOf, viewKey, viewSpec, type ViewSpec } from './view-spec';

/** Matches and rows read per request while looking beside a row. */
const READ = 200;
/** Requests spent looking before giving up (a row with thousands of matches). */
const MAX_READS = 10;

type Where = Pick<PageRow, 'seq' | 'dir' | 'peerId' | 'streamOffset' | 'length'>;

const sameLane = (m: Where, r: Where) => m.dir === r.dir && m.peerId === r.peerId;
/** Whether a match starts after a row's bytes (in its stream), or in a later chunk of another stream. */
const after = (m: SearchMatch, r: Where) =>
  sameLane(m, r) ? m.streamOffset >= r.streamOffset + r.length : m.seq > r.seq;
const before = (m: SearchMatch, r: Where) =>
  sameLane(m, r) ? m.streamOffset < r.streamOffset : m.seq < r.seq;

/** Resolves once a scan stops running, or is no longer this connection's. */
export function whenSettled(endpointId: string, scanId: string): Promise<void> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const s = logScansOf(useWorkbench.getState(), endpointId);
      const scan =
        s.search?.scanId === scanId ? s.search : s.filter?.scanId === scanId ? s.filter : null;
      return scan === null || scan.status.state !== 'running';
    };
    if (check()) return resolve();
    const unsubscribe = useWorkbench.subscribe(() => {
      if (!check()) return;
      unsubscribe();
      resolve();
    });
  });
}

/**
 * Find's Next/Previous: the match after (or before) the current one, or
 * after the selected row, wrapping round, over every match main found in
 * the whole capture. The row holding it is selected and the view is told
 * where it is (`current`). While the search runs, what it found so far is
 * enough when it holds the answer; otherwise the end is waited for.
 */
export async function findNext(
  api: WirebenchApi,
  endpointId: string,
  step: 1 | -1,
  stopped: () => boolean,
): Promise<void> {
  const search = logScansOf(useWorkbench.getState(), endpointId).search;
  if (!search) return;
  let found = await pick(api, endpointId, search.scanId, step);
  if (!found && !stopped()) {
    await whenSettled(endpointId, search.scanId);
    found = await pick(api, endpointId, search.scanId, step);
  }
  if (found && !stopped()) await reveal(api, endpointId, search.scanId, found);
}

interface Picked {
  match: SearchMatch;
  firstHeld: number;
}

async function pick(
  api: WirebenchApi,
  endpointId: string,
  scanId: string,
  step: 1 | -1,
): Promise<Picked | null> {
  const s = useWorkbench.getState();
  const ui = logUiOf(s, endpointId);
  const current = logScansOf(s, endpointId).current;
  if (current?.scanId === scanId && current.row === ui.selected) {
    return matchAt(api, scanId, current.match.index + step, step);
  }
  const row = s.selectedRows[endpointId];
  if (ui.selected !== null && row && row.row === ui.selected) {
    return beside(api, scanId, row, step);
  }
  return matchAt(api, scanId, step > 0 ? 0 : -1, step);
}

/** The match at an index, or round the end to the first (or last) one; -1 is the last. */
async function matchAt(
  api: WirebenchApi,
  scanId: string,
  index: number,
  step: 1 | -1,
): Promise<Picked | null> {
  const read = (anchor: { index: number } | { tail: true }) =>
    api.readLogSearch({ scanId, anchor, count: 1 });
  const r = await read(index < 0 ? { tail: true } : { index });
  if (!r.ok) return null;
  const m = r.value.matches[0];
  if (m && (index < 0 || m.index === index || (step > 0 && m.index > index))) {
    return { match: m, firstHeld: r.value.firstHeld };
  }
  const round = await read(step > 0 ? { index: r.value.firstHeld } : { tail: true });
  const first = round.ok ? round.value.matches[0] : undefined;
  return round.ok && first ? { match: first, firstHeld: round.value.firstHeld } : null;
}

/** The first match after a row (or the last before it), round the end when there is none. */
async function beside(
  api: WirebenchApi,
  scanId: string,
  row: Where,
  step: 1 | -1,
): Promise<Picked | null> {
  if (step < 0) {
    const r = await api.readLogSearch({
      scanId,
      anchor: { seq: row.seq, offset: 0 },
      before: READ,
      count: READ,
    });
    if (!r.ok) return null;
    const hit = r.value.matches.filter((m) => before(m, row)).pop();
    return hit ? { match: hit, firstHeld: r.value.firstHeld } : matchAt(api, scanId, -1, -1);
  }
  let anchor: { seq: number; offset: number } | { index: number } = { seq: row.seq, offset: 0 };
  for (let n = 0; n < MAX_READS; n++) {
    const r = await api.readLogSearch({ scanId, anchor, count: READ });
    if (!r.ok) return null;
    const hit = r.value.matches.find((m) => after(m, row));
    if (hit) return { match: hit, firstHeld: r.value.firstHeld };
    const last = r.value.matches[r.value.matches.length - 1];
    if (!last || r.value.matches.length < READ) break;
    anchor = { index: last.index + 1 };
  }
  return matchAt(api, scanId, 0, 1);
}

/**
 * The row of a view holding a match: rows are read from the chunk the
 * match starts in until one of the match's stream starts after it (framed
 * rows may be many to a chunk).
 */
async function rowOf(api: WirebenchApi, spec: ViewSpec, m: SearchMatch): Promise<PageRow | null> {
  let candidate: PageRow | null = null;
  let anchor: { seq: number } | { position: number } = { seq: m.seq };
  for (let n = 0; n < MAX_READS; n++) {
    const r = await api.logRows({ ...spec, anchor, count: READ, maxRowBytes: 0 });
    if (!r.ok) return null;
    for (const row of r.value.rows) {
      if (!sameLane(m, row)) continue;
      if (row.streamOffset > m.streamOffset) return candidate ?? row;
      candidate = row;
      if (row.streamOffset + row.length > m.streamOffset) return row;
    }
    const last = r.value.rows[r.value.rows.length - 1];
    if (!last || r.value.rows.length < READ) break;
    anchor = { position: last.position + 1 };
  }
  return candidate;
}

/** Selects the row holding a match and says where the view shows it. */
async function reveal(
  api: WirebenchApi,
  endpointId: string,
  scanId: string,
  { match, firstHeld }: Picked,
): Promise<void> {
  const s = useWorkbench.getState();
  const ui = logUiOf(s, endpointId);
  let spec = viewSpec(endpointId, ui, filterIdOf(logScansOf(s, endpointId)));
  let row = await rowOf(api, spec, match);
  if (!row && spec.filterId !== undefined) {
    // Not among the filter's rows (a match across two rows): shown unfiltered.
    spec = viewSpec(endpointId, ui, null);
    row = await rowOf(api, spec, match);
  }
  if (!row) return;
  const current: FoundMatch = {
    scanId,
    match,
    firstHeld,
    row: row.row,
    position: row.position,
    key: viewKey(spec),
  };
  const at = row.row;
  useWorkbench.setState((st) => {
    if (!st.endpoints[endpointId]) return {};
    const scans = logScansOf(st, endpointId);
    if (scans.search?.scanId !== scanId) return {};
    return {
      logUi: {
        ...st.logUi,
        [endpointId]: { ...logUiOf(st, endpointId), selected: at, anchor: at },
      },
      logScans: { ...st.logScans, [endpointId]: { ...scans, current } },
    };
  });
}
