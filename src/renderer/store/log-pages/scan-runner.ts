import type { WirebenchApi } from '../../../shared/contract';
import type { ScanStatusInfo } from '../../../shared/contract/log-scan';
import { logScansOf, type FoundMatch, type LogScans, type ScanState } from '../slices/log-scans';
import { ALL_PEERS, logUiOf, type LogFilter } from '../slices/log-ui';
import { useWorkbench, type WorkbenchState } from '../store';
import { findNext, whenSettled } from './find-next';

/** A pattern is looked for this long after the last keystroke. */
const TYPING_MS = 150;
/** A finished search is run again this long after new bytes stop coming (at most every REFIND_MAX_MS while they keep coming). */
const REFIND_QUIET_MS = 1000;
const REFIND_MAX_MS = 5000;

/** What a filter bar asks main to run: a search for the pattern, a filter for what the view hides. */
export function scansWanted(f: LogFilter): { search: boolean; filter: boolean } {
  const search = f.pattern !== '';
  return {
    search,
    filter: f.dir !== 'all' || f.peerId !== ALL_PEERS || (f.onlyMatches && search),
  };
}

/**
 * Runs one connection's Find and filter in the main process: when the
 * filter bar (or the framing) changes, the old search and filter are
 * closed and new ones started (a moment after typing stops); their
 * progress comes as `log-scan` events (apply-events.ts). Next/Previous
 * (find-next.ts) page the matches across the whole capture. A search
 * covers what the log held when it started: once bytes have come since and
 * stopped for a second, it is run again.
 */
export class ScanRunner {
  private seen: { filter: LogFilter | null; framing: unknown; tick: number } = {
    filter: null,
    framing: null,
    tick: -1,
  };
  private typing: ReturnType<typeof setTimeout> | null = null;
  private refind: ReturnType<typeof setTimeout> | null = null;
  private refindDue = 0;
  /** The seq the log had reached when the search started. */
  private searchedTo = -1;
  private generation = 0;
  private starting: Promise<void> = Promise.resolve();
  /** Not following the store (made but not started, or stopped). */
  private disposed = true;
  private unsubscribe: () => void = () => undefined;

  constructor(
    private readonly api: WirebenchApi,
    readonly endpointId: string,
  ) {}

  /** Runs the filter bar's scans until stopped (a view shown again starts it again). */
  start(): void {
    if (!this.disposed) return;
    this.disposed = false;
    this.seen = { filter: null, framing: null, tick: -1 };
    this.unsubscribe = useWorkbench.subscribe((s) => this.onStore(s));
    this.onStore(useWorkbench.getState());
  }

  /** Selects the next (or previous) match after the selected row, wrapping round. */
  async next(step: 1 | -1): Promise<void> {
    await this.settle();
    if (this.disposed) return;
    await findNext(this.api, this.endpointId, step, () => this.disposed);
  }

  /** Stops the running search and filter; what they found stays shown. */
  async cancel(): Promise<void> {
    const scans = this.scans();
    for (const scan of [scans.search, scans.filter]) {
      if (scan?.status.state !== 'running') continue;
      const r = await this.api.cancelLogScan({ scanId: scan.scanId });
      if (r.ok) this.setStatus(r.value);
    }
  }

  /** Stops following the store and lets go of the scans in main. */
  stop(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.generation++;
    this.unsubscribe();
    if (this.typing) clearTimeout(this.typing);
    if (this.refind) clearTimeout(this.refind);
    this.typing = this.refind = null;
    void this.closeAll(this.scans());
    useWorkbench.setState((s) => this.patch(s, { search: null, filter: null, current: null }));
  }

  /** Starts what typing left pending now, and waits until the scans are started. */
  private async settle(): Promise<void> {
    if (this.typing) {
      clearTimeout(this.typing);
      this.typing = null;
      this.starting = this.restart();
    }
    await this.starting;
  }

  private scans(): LogScans {
    return logScansOf(useWorkbench.getState(), this.endpointId);
  }

  private patch(s: WorkbenchState, change: Partial<LogScans>): Partial<WorkbenchState> {
    if (!s.endpoints[this.endpointId]) return {};
    const scans = logScansOf(s, this.endpointId);
    return { logScans: { ...s.logScans, [this.endpointId]: { ...scans, ...change } } };
  }

  private setStatus(status: ScanStatusInfo): void {
    useWorkbench.setState((s) => {
      const scans = logScansOf(s, this.endpointId);
      const key = scans.search?.scanId === status.scanId ? 'search' : 'filter';
      const scan = scans[key];
      return scan?.scanId === status.scanId ? this.patch(s, { [key]: { ...scan, status } }) : {};
    });
  }

  private onStore(s: WorkbenchState): void {
    if (this.disposed) return;
    const ui = logUiOf(s, this.endpointId);
    const tick = s.live[this.endpointId]?.tick ?? 0;
    const changed = ui.filter !== this.seen.filter || ui.framing !== this.seen.framing;
    const first = this.seen.filter === null;
    const ticked = tick !== this.seen.tick;
    this.seen = { filter: ui.filter, framing: ui.framing, tick };
    if (changed) {
      if (this.typing) clearTimeout(this.typing);
      // The first settings are run at once; a change once typing stops.
      this.typing = setTimeout(
        () => {
          this.typing = null;
          this.starting = this.restart();
        },
        first ? 0 : TYPING_MS,
      );
    } else if (ticked) this.refindLater(s);
  }

  /** New bytes came after a search ended: run it again once they stop for a moment. */
  private refindLater(s: WorkbenchState): void {
    const search = logScansOf(s, this.endpointId).search;
    if (!search || search.status.state !== 'done') return;
    if ((s.live[this.endpointId]?.lastSeq ?? -1) <= this.searchedTo) return;
    const now = performance.now();
    if (!this.refind) this.refindDue = now + REFIND_MAX_MS;
    else clearTimeout(this.refind);
    this.refind = setTimeout(
      () => {
        this.refind = null;
        this.starting = this.restart({ keepFilter: true });
      },
      Math.max(0, Math.min(REFIND_QUIET_MS, this.refindDue - now)),
    );
  }

  private async closeAll(scans: Pick<LogScans, 'search' | 'filter'>): Promise<void> {
    for (const scan of [scans.search, scans.filter]) {
      if (scan) await this.api.closeLogScan({ scanId: scan.scanId });
    }
  }

  /** Closes the scans that no longer fit the filter bar and starts those that do. */
  private async restart(options: { keepFilter?: boolean } = {}): Promise<void> {
    const generation = ++this.generation;
    const s = useWorkbench.getState();
    const ui = logUiOf(s, this.endpointId);
    const old = this.scans();
    const f = ui.filter;
    const wanted = scansWanted(f);
    const keepFilter = options.keepFilter === true;
    // A new pattern clears what the old one found at once; a search run anew
    // over more bytes keeps the old one shown until it is replaced.
    if (!keepFilter) {
      useWorkbench.setState((st) =>
        this.patch(st, { search: null, filter: null, current: null, error: null }),
      );
      await this.closeAll(old);
    }
    const common = {
      endpointId: this.endpointId,
      dir: f.dir,
      ...(f.peerId !== ALL_PEERS ? { peerId: f.peerId } : {}),
    };
    const pattern = { kind: f.kind, text: f.pattern, encoding: 'utf-8' as const };
    this.searchedTo = s.live[this.endpointId]?.lastSeq ?? -1;
    const search = wanted.search ? await this.api.startLogSearch({ ...common, pattern }) : null;
    const framing = ui.framing.mode === 'raw' ? {} : { framing: ui.framing };
    const byPattern = f.onlyMatches && wanted.search;
    // A pattern main refused filters nothing: its sentence is shown instead.
    const filter =
      wanted.filter && !keepFilter && !(byPattern && search?.ok === false)
        ? await this.api.startLogFilter({
            ...common,
            ...framing,
            ...(byPattern ? { pattern } : {}),
          })
        : null;
    const mine = (r: typeof search | typeof filter): ScanState | null =>
      r?.ok ? { scanId: r.value.scanId, status: r.value, startedAt: performance.now() } : null;
    if (generation !== this.generation || this.disposed) {
      // Replaced while starting: let go of what this start made.
      await this.closeAll({ search: mine(search), filter: mine(filter) });
      return;
    }
    useWorkbench.setState((st) =>
      this.patch(st, {
        search: mine(search),
        ...(keepFilter ? {} : { filter: mine(filter) }),
        ...(search && !search.ok ? { error: search.error.message } : {}),
        ...(filter && !filter.ok ? { error: filter.error.message } : {}),
      }),
    );
    const found = mine(search);
    if (keepFilter) {
      await this.closeAll({ search: old.search, filter: null });
      if (found && old.current) await this.reanchor(found.scanId, old.current);
    }
  }

  /** The match Find stood on, found again by a search run anew (its index may differ). */
  private async reanchor(scanId: string, current: FoundMatch): Promise<void> {
    await whenSettled(this.endpointId, scanId);
    const { seq, offset } = current.match;
    const r = await this.api.readLogSearch({ scanId, anchor: { seq, offset }, count: 1 });
    const m = r.ok ? r.value.matches[0] : undefined;
    if (!r.ok || !m || m.seq !== seq || m.offset !== offset) return;
    const firstHeld = r.value.firstHeld;
    useWorkbench.setState((s) => {
      const scans = logScansOf(s, this.endpointId);
      if (scans.search?.scanId !== scanId || scans.current !== current) return {};
      return this.patch(s, { current: { ...current, scanId, match: m, firstHeld } });
    });
  }
}
