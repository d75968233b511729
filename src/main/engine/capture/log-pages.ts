/**
 * # How a view reads the log (the main-process half)
 *
 * The capture log (capture-log.ts) is the one record of the bytes; a window
 * shows a page of it and caches a little. This module answers the window:
 *
 * - **Indexes** (log-index.ts): per endpoint, its chunks by ordinal (seq and
 *   peer lane), and lanes: the stream of one direction of one peer, and of
 *   every peer, as chunk ordinals and stream offsets. Typed columns, kept in
 *   step by the engine on every append and eviction; a lookup is O(1) or a
 *   binary search.
 * - **Views** (row-source.ts, framed-view.ts): rows are raw (one per chunk)
 *   or framed (one per message, cut in main by frame-cutter.ts with the
 *   shared framer's rules, caught up in slices and then as chunks arrive).
 *   A row is a stretch of a lane; its bytes are read from the slabs when a
 *   page asks, never kept twice.
 * - **Pages** (log-page-read.ts): `logRows` (a page of rows by position, by
 *   seq, or the tail, optionally through a filter), `logRowCount` (the
 *   counters), `logStream` (a byte window of a lane, for Hex and Text).
 *   Each page's bytes are one compact buffer of its own.
 * - **Scans** (log-search.ts, log-filter.ts): find over lanes (matches may
 *   span chunks) and filters over rows (direction, peer, pattern), run in a
 *   worker thread (search-worker.ts) over the slabs, which are
 *   SharedArrayBuffers, with progress events (`log-scan`), cancel, and
 *   results kept as typed columns the page reads use.
 *
 * Positions never change meaning: what is evicted lowers nothing, it raises
 * `firstHeld`; a page asked for below it starts at it, and says what the
 * log dropped (`gone`). A scan that read a slab while it was reused drops
 * its matches in chunks evicted meanwhile (their ordinals are below
 * firstHeld by the time the answer comes); matches evicted after they were
 * found are let go and counted (`dropped`).
 *
 * How the renderer uses it: follow the tail with live events (new chunks,
 * skipped and evicted counts) plus `logRowCount` and `logRows({tail})` at
 * most a few times a second; on scroll, `logRows` for the visible range and
 * a screen either side, into a bounded cache keyed by position; Hex/Text
 * with `logStream` windows; Find and filters with startLogSearch /
 * startLogFilter, reading results with readLogSearch / logRows({filterId}),
 * Next/Previous by anchoring on the current row or match.
 */
import type {
  OperationName,
  ParsedRequestOf,
  ResultOf,
  WirebenchEvent,
} from '../../../shared/contract';
import type { FramingSpec } from '../../../shared/framing/framing-spec';
import type { CaptureLog } from './capture-log';
import { FramedView } from './framed-view';
import { FramedViews } from './framed-views';
import { LogIndex, type EndpointIndex } from './log-index';
import { noSuchScan } from './log-page-errors';
import { readMatches, readRows, readStream, span } from './log-page-read';
import { FilterScan } from './log-filter';
import { SearchScan } from './log-search';
import type { Scan, ScanContext, ScanStatus } from './log-scan';
import type { RowSource } from './row-source';
import { compilePattern } from './scan-pattern';
import { SearchWorker } from './search-worker';
import { SlicedWork } from './sliced-work';

/** Searches and filters kept at once; a new one past this closes the oldest. */
export const SCANS_MAX = 32;
/** The most one turn of the event loop spends framing and preparing scans. */
const SLICE_MS = 8;
/** New chunks are framed and filtered this long after they come, in one go. */
const LIVE_DELAY_MS = 30;

export interface LogPagesOptions {
  /** Progress of a scan is reported once it runs longer than this (200 ms). */
  progressAfterMs?: number;
  /** Microseconds now (idle framing ends a message by the clock). */
  now?: () => number;
  /** How long one worker job may run before it is stopped as a runaway (search-worker.ts). */
  scanJobLimitMs?: number | undefined;
}

type Req<K extends OperationName> = ParsedRequestOf<K>;

export class LogPages {
  readonly index = new LogIndex();
  private readonly worker: SearchWorker;
  private readonly views: FramedViews;
  private readonly scans = new Map<string, Scan>();
  private readonly ctx: ScanContext;
  private readonly now: () => number;
  private nextScan = 1;
  private readonly work = new SlicedWork(() => this.pump(), LIVE_DELAY_MS);

  constructor(
    private readonly log: CaptureLog,
    emit: (event: WirebenchEvent) => void,
    options: LogPagesOptions = {},
  ) {
    this.worker = new SearchWorker(options.scanJobLimitMs);
    this.views = new FramedViews(this.index, log);
    this.now = options.now ?? (() => Date.now() * 1000);
    this.ctx = {
      log,
      worker: this.worker,
      report: (status) => emit({ type: 'log-scan', ...status }),
      wake: () => this.work.schedule(true),
      progressAfterMs: options.progressAfterMs ?? 200,
    };
  }

  /** The engine stored a chunk (after the log's append, evictions included). */
  appended(chunk: Parameters<LogIndex['appended']>[0]): void {
    this.index.appended(chunk);
    if (this.views.has(chunk.endpointId) || this.filtered(chunk.endpointId))
      this.work.schedule(false);
  }

  evicted(endpointId: string, chunks: number): void {
    this.index.evicted(endpointId, chunks);
  }

  /** An endpoint was removed: its index, views and scans go with it. */
  forget(endpointId: string): void {
    this.index.forget(endpointId);
    this.views.forget(endpointId);
    for (const [id, scan] of this.scans) {
      if (scan.endpointId === endpointId) this.close(id);
    }
  }

  async dispose(): Promise<void> {
    this.work.dispose();
    for (const scan of this.scans.values()) scan.cancel();
    this.scans.clear();
    await this.worker.dispose();
  }

  rows(req: Req<'logRows'>): ResultOf<'logRows'> {
    const { source, filter } = this.sourceOf(req);
    const total = filter ? filter.total : source.total;
    const firstHeld = filter ? filter.firstHeld : source.firstHeld;
    const page = span(
      this.anchorOf(req.anchor, source, filter),
      req.before,
      req.count,
      firstHeld,
      total,
    );
    const { rows, goneRows, bytes } = readRows(this.log, source, filter, page, req.maxRowBytes);
    return {
      total,
      firstHeld,
      anchor: page.anchor,
      from: page.from,
      rows,
      goneRows,
      bytes,
      ...this.counters(source, filter),
    };
  }

  rowCount(req: Req<'logRowCount'>): ResultOf<'logRowCount'> {
    const { source, filter } = this.sourceOf(req);
    return {
      total: filter ? filter.total : source.total,
      firstHeld: filter ? filter.firstHeld : source.firstHeld,
      lastSeq: source.index.lastSeq,
      ...this.counters(source, filter),
    };
  }

  stream(req: Req<'logStream'>): ResultOf<'logStream'> {
    const index = this.index.of(req.endpointId);
    const lane = index.laneFor(req.dir, req.peerId ?? null);
    return readStream(this.log, index, lane, req.offset, req.length);
  }

  startSearch(req: Req<'startLogSearch'>): ScanStatus {
    const pattern = compilePattern(req.pattern);
    const index = this.index.of(req.endpointId);
    const lanes = index.peerLanes(req.dir === 'all' ? undefined : req.dir, req.peerId);
    return this.add((id) => new SearchScan(id, this.ctx, index, lanes, pattern));
  }

  readSearch(req: Req<'readLogSearch'>): ResultOf<'readLogSearch'> {
    const search = this.scan(req.scanId);
    if (!(search instanceof SearchScan)) throw noSuchScan(req.scanId);
    const index = this.index.of(search.endpointId);
    const a = req.anchor;
    let anchor: number | 'tail' = 'tail';
    if ('index' in a) anchor = a.index;
    else if ('seq' in a) {
      const ordinal = index.ordinalAtOrAfterSeq(a.seq);
      const exact = ordinal < index.count && index.seqs.at(ordinal) === a.seq;
      anchor = search.indexAtOrAfter(ordinal, exact ? a.offset : 0);
    }
    const page = span(anchor, req.before, req.count, search.firstHeld, search.total);
    return {
      status: search.status(),
      total: search.total,
      firstHeld: search.firstHeld,
      anchor: page.anchor,
      from: page.from,
      matches: readMatches(index, search, page),
      dropped: search.dropped,
    };
  }

  startFilter(req: Req<'startLogFilter'>): ScanStatus {
    const pattern = req.pattern ? compilePattern(req.pattern) : null;
    const source = this.viewOf(req.endpointId, req.framing);
    const dir = req.dir;
    const peerId = req.peerId;
    const admits = (lane: { dir: string; peerId: string | null }): boolean =>
      (dir === 'all' || lane.dir === dir) && (peerId === undefined || lane.peerId === peerId);
    if (source instanceof FramedView) source.readers++;
    return this.add((id) => new FilterScan(id, this.ctx, source, admits, pattern));
  }

  cancel(scanId: string): ScanStatus {
    const scan = this.scan(scanId);
    scan.cancel();
    return scan.status();
  }

  close(scanId: string): void {
    const scan = this.scan(scanId);
    scan.cancel();
    this.scans.delete(scanId);
    if (scan instanceof FilterScan && scan.source instanceof FramedView) scan.source.readers--;
  }

  private add(make: (id: string) => Scan): ScanStatus {
    if (this.scans.size >= SCANS_MAX) this.close(this.scans.keys().next().value!);
    const scan = make(`s${this.nextScan++}`);
    this.scans.set(scan.id, scan);
    this.work.schedule(true);
    return scan.status();
  }

  private scan(scanId: string): Scan {
    const scan = this.scans.get(scanId);
    if (!scan) throw noSuchScan(scanId);
    return scan;
  }

  /** Whether a live filter follows this endpoint's new rows (on every append: no allocation). */
  private filtered(endpointId: string): boolean {
    if (this.scans.size === 0) return false;
    for (const s of this.scans.values()) {
      if (s instanceof FilterScan && s.endpointId === endpointId && s.alive) return true;
    }
    return false;
  }

  private sourceOf(req: { endpointId: string; framing?: FramingSpec; filterId?: string }): {
    source: RowSource;
    filter: FilterScan | null;
  } {
    if (req.filterId !== undefined) {
      const filter = this.scan(req.filterId);
      if (!(filter instanceof FilterScan) || filter.endpointId !== req.endpointId) {
        throw noSuchScan(req.filterId);
      }
      return { source: filter.source, filter };
    }
    return { source: this.viewOf(req.endpointId, req.framing), filter: null };
  }

  private viewOf(endpointId: string, framing: FramingSpec | undefined): RowSource {
    return this.views.viewOf(endpointId, framing, () => this.work.schedule(true));
  }

  private anchorOf(
    a: Req<'logRows'>['anchor'],
    source: RowSource,
    filter: FilterScan | null,
  ): number | 'tail' {
    if ('tail' in a) return 'tail';
    if ('position' in a) return a.position;
    const row = 'seq' in a ? source.positionOfSeq(a.seq) : a.row;
    return filter ? filter.indexOfRow(row) : row;
  }

  private counters(source: RowSource, filter: FilterScan | null) {
    const gone = this.log.droppedFor(source.index.endpointId);
    const out: { gone: typeof gone; framing: { behindChunks: number }; filter?: ScanStatus } = {
      gone,
      framing: { behindChunks: source.behind },
    };
    if (filter) out.filter = filter.status();
    return out;
  }

  /** One slice of framing and scans; says when the next is due. */
  private pump(): 'now' | 'later' | 'idle' {
    const deadline = performance.now() + SLICE_MS;
    const framing = this.views.catchUp(deadline, this.now());
    let more = framing.more;
    for (const scan of this.scans.values()) if (scan.step(deadline)) more = true;
    return more ? 'now' : framing.idle ? 'later' : 'idle';
  }

  /** The index of an endpoint (for tests and the benchmark). */
  indexOf(endpointId: string): EndpointIndex {
    return this.index.of(endpointId);
  }
}
