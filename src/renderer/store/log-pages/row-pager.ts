import type { Chunk, WirebenchApi } from '../../../shared/contract';
import { onLiveChunks } from '../live-chunks';
import { logScansOf } from '../slices/log-scans';
import { logUiOf, type LogUi } from '../slices/log-ui';
import { useWorkbench, type WorkbenchState } from '../store';
import {
  emptyWindow,
  missingPages,
  PAGE_ROWS,
  ROW_PREVIEW_BYTES,
  shownRange,
  trimmed,
  withCounters,
  withRows,
  type RowWindow,
} from './page-cache';
import { LiveTail } from './live-tail';
import { OneAtATime } from './one-at-a-time';
import { WindowSlot } from './window-slot';
import { describeRow } from './selected-row';
import { filterIdOf, viewKey, viewSpec, type ViewSpec } from './view-spec';

/** Rows asked for when following the tail: more than a screen. */
const TAIL_ROWS = PAGE_ROWS;
/** Page requests in flight at once. */
const MAX_FETCHES = 3;
/** While main frames or filters in the background (or idle framing waits for the clock), the counters are asked again this often. */
const POLL_MS = 150;
/** After a failed page, no page is asked for this long (a view being replaced must not spin). */
const RETRY_MS = 500;

/**
 * Keeps one connection's row window (page-cache.ts) in the store, from the
 * main process's answers: the counters, and the rows a view is about to
 * show. It follows the store by itself: new live news (a tick) refreshes
 * the counters (and, while the view follows the tail, the newest rows); a
 * new framing, filter, Clear or Pause starts a new window or moves its
 * bounds; a new selection is described. A view tells it which positions
 * it shows (`want`) and whether it follows the tail. Answers for a view
 * that was replaced meanwhile are dropped; nothing is asked twice at once.
 */
export class RowPager {
  private spec: ViewSpec;
  private key = '';
  private seen: { ui: LogUi | null; tick: number; filterState: string; skipped: number } = {
    ui: null,
    tick: -1,
    filterState: '',
    skipped: 0,
  };
  private readonly live = new LiveTail();
  private readonly slot: WindowSlot;
  private unlisten: () => void = () => undefined;
  private wanted = { from: 0, to: 0 };
  private follow = false;
  private fetching = new Set<number>();
  private readonly refreshes = new OneAtATime(
    () => this.refreshOnce(),
    () => this.disposed,
  );
  private failedAt = -Infinity;
  private poll: ReturnType<typeof setTimeout> | null = null;
  /** Not following the store (made but not started, or stopped): answers are dropped. */
  private disposed = true;
  private unsubscribe: () => void = () => undefined;

  constructor(
    private readonly api: WirebenchApi,
    readonly endpointId: string,
  ) {
    this.spec = { endpointId };
    this.slot = new WindowSlot(endpointId, (w) =>
      trimmed(w, this.wanted.from, this.wanted.to, Math.floor(shownRange(w).first / PAGE_ROWS)),
    );
  }

  /** Follows the store until stopped (a view shown again starts it again). */
  start(): void {
    if (!this.disposed) return;
    this.disposed = false;
    this.key = '';
    this.seen = { ui: null, tick: -1, filterState: '', skipped: 0 };
    this.unsubscribe = useWorkbench.subscribe((s) => this.onStore(s));
    this.unlisten = onLiveChunks(this.endpointId, (chunks) => this.onLive(chunks));
    this.onStore(useWorkbench.getState());
  }

  /** The view shows positions [from, to) (and wants a screen either side when it does not follow). */
  want(from: number, to: number): void {
    if (from === this.wanted.from && to === this.wanted.to) return;
    this.wanted = { from, to };
    this.pump();
  }

  /** Whether the view is at its end and shows new rows as they come. */
  setFollow(follow: boolean): void {
    if (follow === this.follow) return;
    this.follow = follow;
    if (follow) void this.refresh();
  }

  /** Stops, and lets go of the page cache: it is for a view on screen. */
  stop(): void {
    this.disposed = true;
    this.key = '';
    this.slot.clear();
    this.unsubscribe();
    this.unlisten();
    if (this.poll) clearTimeout(this.poll);
    this.poll = null;
  }

  private window(): RowWindow {
    return this.slot.read();
  }

  private put(w: RowWindow): void {
    if (!this.disposed) this.slot.write(w);
  }

  /** What following the tail brings is written once a frame (window-slot.ts). */
  private putSoon(w: RowWindow): void {
    if (!this.disposed) this.slot.writeSoon(w);
  }

  /** Called on every store change: cheap unless something this pager follows changed. */
  private onStore(s: WorkbenchState): void {
    if (this.disposed) return;
    const ui = logUiOf(s, this.endpointId);
    const scans = logScansOf(s, this.endpointId);
    const spec = viewSpec(this.endpointId, ui, filterIdOf(scans));
    const key = viewKey(spec);
    const prev = this.seen.ui;
    const tick = s.live[this.endpointId]?.tick ?? 0;
    const filterState = scans.filter
      ? `${scans.filter.status.state}:${scans.filter.status.done}`
      : '';
    const moved = tick !== this.seen.tick || filterState !== this.seen.filterState;
    const skipped = s.live[this.endpointId]?.skipped.chunks ?? 0;
    if (skipped !== this.seen.skipped) this.live.forget(true);
    this.seen = { ui, tick, filterState, skipped };
    if (key !== this.key) {
      this.switchTo(spec, key, ui);
      return;
    }
    if (prev?.clearedAt !== ui.clearedAt) void this.resolveBound('start', ui.clearedAt);
    if (prev?.pausedAt !== ui.pausedAt) void this.resolveBound('end', ui.pausedAt);
    if (prev?.selected !== ui.selected) void this.describeSelected(ui.selected);
    if (moved) void this.refresh();
  }

  private switchTo(spec: ViewSpec, key: string, ui: LogUi): void {
    this.spec = spec;
    this.key = key;
    this.slot.reset(key, spec.filterId ?? null);
    this.fetching = new Set();
    this.live.forget(false);
    // Until main says where the cleared and paused rows end, nothing old shows.
    const w = emptyWindow(key, spec.filterId ?? null);
    if (ui.clearedAt !== null) w.start = Number.MAX_SAFE_INTEGER;
    if (ui.pausedAt !== null) w.end = 0;
    this.put(w);
    void this.resolveBound('start', ui.clearedAt);
    void this.resolveBound('end', ui.pausedAt);
    void this.describeSelected(ui.selected);
    void this.refresh();
  }

  /** Counters, and the newest rows while the view follows; one request at a time, the last news always answered. */
  private async refresh(): Promise<void> {
    if (!(await this.refreshes.run())) return;
    this.pump();
    this.pollWhileBehind();
  }

  private async refreshOnce(): Promise<void> {
    const key = this.key;
    const asked = this.live.asked();
    const raw = this.spec.framing === undefined && this.spec.filterId === undefined;
    if (this.follow && this.window().end === null) {
      const r = await this.api.logRows({
        ...this.spec,
        anchor: { tail: true },
        count: TAIL_ROWS,
        maxRowBytes: ROW_PREVIEW_BYTES,
      });
      if (!r.ok || key !== this.key) return;
      this.putSoon(this.live.kept(asked, withRows(this.window(), r.value)));
      const { rows, total } = r.value;
      const last = rows[rows.length - 1];
      const tail = total === 0 ? -1 : last?.position === total - 1 ? last.lastSeq : null;
      if (raw && tail !== null) this.live.counted(asked, total, tail);
    } else {
      const r = await this.api.logRowCount(this.spec);
      if (!r.ok || key !== this.key) return;
      this.putSoon(withCounters(this.window(), r.value));
      if (raw) this.live.counted(asked, r.value.total, r.value.lastSeq);
    }
  }

  /** Live chunks of a raw view become its newest rows at once (live-tail.ts). */
  private onLive(chunks: readonly Chunk[]): void {
    if (this.disposed) return;
    const w = this.live.place(this.window(), chunks);
    if (w) this.putSoon(w);
  }

  /** Main frames and filters in slices, and ends idle frames by its clock: no event says so. */
  private pollWhileBehind(): void {
    if (this.disposed || this.poll) return;
    const w = this.window();
    const ui = logUiOf(useWorkbench.getState(), this.endpointId);
    const behind =
      w.behindChunks > 0 || w.filter?.state === 'running' || ui.framing.mode === 'idle';
    if (!behind) return;
    this.poll = setTimeout(() => {
      this.poll = null;
      void this.refresh();
    }, POLL_MS);
  }

  /** Asks for the pages the view shows that are not read yet, then those around them. */
  private pump(): void {
    if (this.disposed || performance.now() - this.failedAt < RETRY_MS) return;
    const w = this.window();
    const { from, to } = this.wanted;
    const around = this.follow ? 0 : Math.max(PAGE_ROWS, to - from);
    const first = shownRange(w).first;
    const need = [
      ...missingPages(w, from, to),
      // The first row shown: relative times count from it.
      ...missingPages(w, first, first + 1),
      ...missingPages(w, from - around, to + around),
    ];
    for (const k of need) {
      if (this.fetching.size >= MAX_FETCHES) break;
      if (!this.fetching.has(k)) void this.fetchPage(k);
    }
  }

  private async fetchPage(k: number): Promise<void> {
    const key = this.key;
    const fetching = this.fetching;
    fetching.add(k);
    const r = await this.api.logRows({
      ...this.spec,
      anchor: { position: k * PAGE_ROWS },
      count: PAGE_ROWS,
      maxRowBytes: ROW_PREVIEW_BYTES,
    });
    fetching.delete(k);
    if (key !== this.key || this.disposed) return;
    if (!r.ok) {
      // A filter closed under the view, or the connection going: the next news decides.
      this.failedAt = performance.now();
      return;
    }
    this.put(withRows(this.window(), r.value));
    this.pump();
  }

  /** Where the rows after a seq start in this view: the first shown after Clear, or the end while paused. */
  private async resolveBound(which: 'start' | 'end', seq: number | null): Promise<void> {
    const key = this.key;
    if (seq === null) {
      this.put({ ...this.window(), [which]: which === 'start' ? 0 : null });
      if (which === 'end') void this.refresh();
      return;
    }
    const r = await this.api.logRows({ ...this.spec, anchor: { seq: seq + 1 }, count: 0 });
    const ui = logUiOf(useWorkbench.getState(), this.endpointId);
    const still = which === 'start' ? ui.clearedAt === seq : ui.pausedAt === seq;
    if (!r.ok || key !== this.key || !still) return;
    this.put({ ...withCounters(this.window(), r.value), [which]: r.value.anchor });
    this.pump();
  }

  /** The selected row's description (its offsets name its bytes), from the cache or from main. */
  private async describeSelected(row: number | null): Promise<void> {
    const value = await describeRow(this.api, this.spec, this.window(), row);
    if (value === undefined) return;
    useWorkbench.setState((s) =>
      logUiOf(s, this.endpointId).selected === row && s.endpoints[this.endpointId]
        ? { selectedRows: { ...s.selectedRows, [this.endpointId]: value } }
        : {},
    );
  }
}
