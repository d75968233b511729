import { f64, type Column } from './columns';
import type { Lane } from './log-lane';
import { Scan, type ScanContext } from './log-scan';
import { visitLane, type RowSource, type ScanRow } from './row-source';
import type { CompiledPattern } from './scan-pattern';
import { JOB_BYTES, JOB_ROWS, JobBuilder } from './scan-jobs';
import type { KernelResult } from './search-kernel';
import { REGEX_SCAN_BYTES } from './log-search';

/**
 * A filter: the positions of a view's rows that pass a direction, a peer
 * and (optionally) a pattern, as one typed column a page read walks (filter
 * positions, like row positions, count from the first match ever). Rows
 * are judged in order, in the worker when a pattern needs their bytes and
 * in main when lanes alone decide; once caught up it stays alive and
 * judges new rows as they come, until closed. A row whose bytes the log
 * evicted is let go from the front, as the view lets it go.
 */
export class FilterScan extends Scan {
  readonly unit = 'rows';
  private readonly positions = f64();
  /** The row being judged, filled in place (millions go through it). */
  private readonly scratch: ScanRow = { lane: null, start: 0, length: 0 };
  private cursor: number;
  private readonly from: number;

  constructor(
    id: string,
    ctx: ScanContext,
    readonly source: RowSource,
    private readonly admits: (lane: Lane) => boolean,
    private readonly pattern: CompiledPattern | null,
  ) {
    super(id, source.index.endpointId, ctx);
    this.cursor = this.from = source.firstHeld;
  }

  protected get results(): Column<Float64Array> {
    return this.positions;
  }

  /** The view position of filter entry `i`. */
  rowAt(i: number): number {
    return this.positions.at(i);
  }

  /** First filter entry whose view position is at or after `position`. */
  indexOfRow(position: number): number {
    return this.positions.lowerBound(position);
  }

  protected progress(): { done: number; total: number } {
    return { done: this.cursor - this.from, total: this.source.total - this.from };
  }

  /** Whether there are rows it has not judged yet. */
  get behind(): boolean {
    return this.alive && (this.cursor < this.source.total || this.source.behind > 0);
  }

  step(deadline: number): boolean {
    if (!this.alive) return false;
    if (this.cursor < this.source.firstHeld) this.cursor = this.source.firstHeld;
    if (this.pattern === null) {
      for (let n = 0; this.cursor < this.source.total; n++) {
        if ((n & 1023) === 1023 && performance.now() > deadline) {
          this.progressed();
          return true;
        }
        const p = this.cursor++;
        if (this.source.readRow(p, this.scratch) && this.admits(this.scratch.lane!)) {
          this.positions.push(p);
        }
      }
    } else {
      while (this.canPost && this.cursor < this.source.total) {
        this.postNext(deadline);
        if (performance.now() > deadline) return this.canPost && this.cursor < this.source.total;
      }
    }
    if (this.cursor >= this.source.total && this.inflight === 0) {
      if (this.source.behind === 0) this.finish('done');
      else this.progressed();
    }
    return false;
  }

  /**
   * One job: the next rows, each as (start, length) in the job's stream,
   * where each lane's rows come as one section of the lane's bytes. Main
   * touches a few numbers per row; the bytes are the worker's.
   */
  private postNext(deadline: number): void {
    const before = this.cursor;
    /** Per job group: the view position of its row. */
    const groups: number[] = [];
    /** Per lane: the stretch of its stream the rows cover, and the rows (start, length, group). */
    const sections = new Map<Lane, { from: number; to: number; rows: number[] }>();
    const row = this.scratch;
    let bytes = 0;
    for (let n = 0; this.cursor < this.source.total; n++) {
      if (bytes >= JOB_BYTES || groups.length >= JOB_ROWS) break;
      if ((n & 1023) === 1023 && performance.now() > deadline) break;
      const p = this.cursor++;
      if (!this.source.readRow(p, row) || row.length === 0 || !this.admits(row.lane!)) continue;
      let section = sections.get(row.lane!);
      if (!section)
        sections.set(row.lane!, (section = { from: row.start, to: row.start, rows: [] }));
      const end = row.start + row.length;
      bytes += Math.max(0, end - section.to);
      section.to = Math.max(section.to, end);
      section.rows.push(row.start, row.length, groups.push(p) - 1);
    }
    if (groups.length === 0) return;
    const job = new JobBuilder();
    for (const [lane, section] of sections) {
      const base = job.bytes;
      let first = true;
      visitLane(
        this.ctx.log,
        this.source.index,
        lane,
        section.from,
        section.to,
        (data, skip, take) => {
          job.add(data, skip, take, 0, 0, first);
          first = false;
        },
      );
      const r = section.rows;
      for (let i = 0; i < r.length; i += 3)
        job.row(base + r[i]! - section.from, r[i + 1]!, r[i + 2]!);
    }
    const { job: kernelJob, transfer } = job.job({
      mode: 'rows',
      needle: this.pattern!.needle,
      regex: this.pattern!.regex,
      firstOnly: true,
      maxMatches: groups.length + 1,
      regexScanBytes: REGEX_SCAN_BYTES,
    });
    this.post(
      kernelJob,
      transfer,
      () => (this.cursor = before),
      (result) => this.apply(result, groups),
    );
  }

  private apply(result: KernelResult, groups: number[]): void {
    const m = result.matches;
    // The worker answers lane by lane: back into view order.
    const found: number[] = [];
    for (let i = 0; i < m.length; i += 3) found.push(groups[m[i]!]!);
    found.sort((a, b) => a - b);
    for (const p of found) {
      // Its bytes were read where they were: only a row still held is a true match.
      if (this.source.readRow(p, this.scratch)) this.positions.push(p);
    }
    this.progressed();
  }

  /** Lets go of entries for rows the view let go of. */
  protected trim(): void {
    const keep = this.positions.lowerBound(this.source.firstHeld);
    if (keep > this.positions.start) this.positions.dropBefore(keep);
  }
}
