import { f64, u32, type Column } from './columns';
import type { EndpointIndex } from './log-index';
import type { Lane } from './log-lane';
import { Scan, type ScanContext } from './log-scan';
import { chunkOf, visitLane } from './row-source';
import type { CompiledPattern } from './scan-pattern';
import { JOB_BYTES, JOB_SEGMENTS, JobBuilder } from './scan-jobs';
import type { KernelResult } from './search-kernel';

/** Matches a search keeps; past it, it stops and says the rest were not kept. */
export const SEARCH_MATCHES_MAX = 1_000_000;
/** A regular expression looks at most this much of each chunk. */
export const REGEX_SCAN_BYTES = 1024 * 1024;

/** One match: the chunk it starts in (endpoint ordinal), where in it, how long. */
export interface MatchRef {
  ordinal: number;
  offset: number;
  length: number;
}

interface Cursor {
  next: number;
  /** Per lane: the stream offset just past the bytes searched so far. */
  covered: Map<number, number>;
  posted: number;
}

/**
 * Find: every occurrence of a pattern in the chosen lanes (peer streams of
 * one or both directions), over what the log held when it started. Chunks
 * are sent to the worker in capture order, a lane's chunks as one stream,
 * each job starting with the last (length - 1) bytes of the job before so
 * that a match across any chunk boundary is found. Matches are kept sorted
 * by (chunk, offset) in typed columns; those whose chunk the log evicted
 * meanwhile are dropped (and counted), whether at the answer or later.
 */
export class SearchScan extends Scan {
  readonly unit = 'bytes';
  private readonly ords = f64();
  private readonly offs = f64();
  private readonly lens = u32();
  /** Matches found, then lost because the log evicted their chunks. */
  dropped = 0;
  private cursor: Cursor;
  private readonly end: number;
  private readonly lanes: Set<number>;
  private doneBytes = 0;
  private readonly totalBytes: number;

  constructor(
    id: string,
    ctx: ScanContext,
    private readonly index: EndpointIndex,
    lanes: Lane[],
    private readonly pattern: CompiledPattern,
  ) {
    super(id, index.endpointId, ctx);
    this.lanes = new Set(lanes.map((l) => l.id));
    this.cursor = { next: index.firstHeld, covered: new Map(), posted: 0 };
    this.end = index.count;
    this.totalBytes = lanes.reduce((n, l) => n + l.bytes - l.firstByte, 0);
  }

  protected get results(): Column<Float64Array> {
    return this.ords;
  }

  match(i: number): MatchRef {
    return { ordinal: this.ords.at(i), offset: this.offs.at(i), length: this.lens.at(i) };
  }

  /** Index of the first match at or after byte `offset` of the chunk with endpoint ordinal `ordinal`. */
  indexAtOrAfter(ordinal: number, offset: number): number {
    const from = this.ords.lowerBound(ordinal);
    const to = this.ords.upperBound(ordinal, from);
    return this.offs.lowerBound(offset, from, to);
  }

  protected progress(): { done: number; total: number } {
    return { done: this.doneBytes, total: this.totalBytes };
  }

  step(deadline: number): boolean {
    if (this.state !== 'running') return false;
    while (this.canPost && this.cursor.next < this.end) {
      this.postNext(deadline);
      if (performance.now() > deadline) return this.canPost && this.cursor.next < this.end;
    }
    if (this.cursor.next >= this.end && this.inflight === 0) this.finish('done');
    return false;
  }

  private postNext(deadline: number): void {
    const before: Cursor = { ...this.cursor, covered: new Map(this.cursor.covered) };
    const c = this.cursor;
    const job = new JobBuilder();
    /** Per job group: the ordinal of its chunk. */
    const groups: number[] = [];
    /** Per lane touched: its chunks in this job, in order. */
    const perLane = new Map<number, Array<{ data: Uint8Array; group: number; ordinal: number }>>();
    let bytes = 0;
    for (let n = 0; c.next < this.end && bytes < JOB_BYTES && n < JOB_SEGMENTS; n++) {
      if ((n & 255) === 255 && performance.now() > deadline) break;
      if (c.next < this.index.firstHeld) {
        // Evicted before we got to them: nothing joins across that gap.
        c.next = this.index.firstHeld;
        c.covered.clear();
        continue;
      }
      const ordinal = c.next++;
      const laneId = this.index.laneIdAt(ordinal);
      if (!this.lanes.has(laneId)) continue;
      const chunk = chunkOf(this.ctx.log, this.index, ordinal);
      if (!chunk || chunk.data.byteLength === 0) continue;
      let list = perLane.get(laneId);
      if (!list) perLane.set(laneId, (list = []));
      list.push({ data: chunk.data, group: groups.push(ordinal) - 1, ordinal });
      bytes += chunk.data.byteLength;
    }
    for (const [laneId, list] of perLane) {
      // Held: its chunks were read just now.
      const lane = this.index.lane(laneId)!;
      const firstStart = lane.startAt(lane.indexOf(list[0]!.ordinal));
      const prefixed = this.addPrefix(job, groups, lane, c.covered.get(laneId), firstStart);
      list.forEach((p, i) =>
        job.add(p.data, 0, p.data.byteLength, p.group, 0, i === 0 && !prefixed),
      );
      const last = list[list.length - 1]!;
      c.covered.set(laneId, lane.startAt(lane.indexOf(last.ordinal)) + last.data.byteLength);
    }
    c.posted += bytes;
    if (job.segments === 0) {
      this.doneBytes += bytes;
      return;
    }
    const { job: kernelJob, transfer } = job.job({
      mode: 'stream',
      needle: this.pattern.needle,
      regex: this.pattern.regex,
      firstOnly: false,
      maxMatches: Math.max(1, SEARCH_MATCHES_MAX - this.ords.size + 1),
      regexScanBytes: REGEX_SCAN_BYTES,
    });
    this.post(
      kernelJob,
      transfer,
      () => {
        this.cursor = before;
        this.doneBytes = before.posted;
      },
      (result) => this.apply(result, groups, bytes),
    );
  }

  /**
   * Starts a lane's bytes in this job with the last (length - 1) bytes the
   * job before searched, when they run straight on: a match across the seam
   * starts there. True when it did.
   */
  private addPrefix(
    job: JobBuilder,
    groups: number[],
    lane: Lane,
    covered: number | undefined,
    firstStart: number,
  ): boolean {
    const k = this.pattern.needle?.length ?? 0;
    if (k < 2 || covered === undefined || covered !== firstStart) return false;
    const from = Math.max(lane.firstByte, covered - (k - 1));
    let first = true;
    visitLane(this.ctx.log, this.index, lane, from, covered, (data, skip, take, ordinal) => {
      job.add(data, skip, take, groups.push(ordinal) - 1, skip, first);
      first = false;
    });
    return !first;
  }

  private apply(result: KernelResult, groups: number[], bytes: number): void {
    const m = result.matches;
    const held = this.index.firstHeld;
    const found: MatchRef[] = [];
    for (let i = 0; i < m.length; i += 3) {
      const ordinal = groups[m[i]!]!;
      // Evicted while the worker read it: its slab may hold other bytes by now, so the
      // match may not even be one. Not found, as if the search had started later.
      if (ordinal >= held) found.push({ ordinal, offset: m[i + 1]!, length: m[i + 2]! });
    }
    this.insert(found);
    this.doneBytes += bytes;
    if (result.truncated || this.ords.size > SEARCH_MATCHES_MAX) {
      this.ords.truncate(this.ords.start + SEARCH_MATCHES_MAX);
      this.offs.truncate(this.offs.start + SEARCH_MATCHES_MAX);
      this.lens.truncate(this.lens.start + SEARCH_MATCHES_MAX);
      this.truncated = true;
      this.finish('done');
      return;
    }
    this.progressed();
  }

  /** Adds matches in (chunk, offset) order: a job's lanes come one after another, and a seam match may start before the last job's. */
  private insert(found: MatchRef[]): void {
    if (found.length === 0) return;
    found.sort((a, b) => a.ordinal - b.ordinal || a.offset - b.offset);
    const first = found[0]!;
    let keep = this.ords.length;
    while (keep > this.ords.start) {
      const o = this.ords.at(keep - 1);
      if (o < first.ordinal || (o === first.ordinal && this.offs.at(keep - 1) < first.offset))
        break;
      keep--;
    }
    const moved: MatchRef[] = [];
    for (let i = keep; i < this.ords.length; i++) moved.push(this.match(i));
    this.ords.truncate(keep);
    this.offs.truncate(keep);
    this.lens.truncate(keep);
    const all =
      moved.length > 0
        ? [...moved, ...found].sort((a, b) => a.ordinal - b.ordinal || a.offset - b.offset)
        : found;
    for (const r of all) {
      this.ords.push(r.ordinal);
      this.offs.push(r.offset);
      this.lens.push(r.length);
    }
  }

  /** Drops matches whose chunk the log evicted. */
  protected trim(): void {
    const keep = this.ords.lowerBound(this.index.firstHeld);
    if (keep === this.ords.start) return;
    this.dropped += keep - this.ords.start;
    this.ords.dropBefore(keep);
    this.offs.dropBefore(keep);
    this.lens.dropBefore(keep);
  }
}
