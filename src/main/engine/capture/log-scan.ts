import type { ScanStatusInfo } from '../../../shared/contract';
import type { CaptureLog } from './capture-log';
import type { Column } from './columns';
import type { MessageRef } from '../../../shared/messages/catalogue';
import { CANCELLED_RUNAWAY, JOB_FAILED, scanStopped } from './log-page-errors';
import type { KernelJob, KernelResult } from './search-kernel';
import { ScanAborted, type SearchWorker } from './search-worker';

export type ScanState = ScanStatusInfo['state'];

/** What a window is told of a search or a filter (the contract's scan status). */
export type ScanStatus = ScanStatusInfo;

export interface ScanContext {
  log: CaptureLog;
  worker: SearchWorker;
  /** Tells the windows how a scan is doing. */
  report(status: ScanStatus): void;
  /** The scan has work to do again (a job came back): run the pump. */
  wake(): void;
  /** Progress is reported only for scans that run longer than this. */
  progressAfterMs: number;
}

/** After the first, progress reports are at least this far apart. */
const PROGRESS_EVERY_MS = 250;
/** A cancelled scan's job still running after this is a runaway regular expression. */
const RUNAWAY_MS = 300;
/** Jobs a scan keeps posted, so the worker never waits for main to build the next. */
export const JOBS_IN_FLIGHT = 2;
const RETRIES = 3;

/**
 * What searches and filters share: state, progress reports (none for a
 * scan that ends within progressAfterMs, then at most four a second, and
 * always the last), cancel, and the worker jobs. Jobs come back in the order
 * posted; if the worker is ended under them (another scan's runaway regular
 * expression was cancelled), the scan rewinds to before the first lost job
 * and posts them again.
 */
export abstract class Scan {
  state: ScanState = 'running';
  error: MessageRef | undefined;
  truncated = false;
  protected inflight = 0;
  private readonly startedAt = performance.now();
  private reportedAt = Number.NEGATIVE_INFINITY;
  /** Bumped on rewind: answers to jobs posted before it are ignored. */
  private generation = 0;
  private retries = 0;
  abstract readonly unit: 'bytes' | 'rows';

  constructor(
    readonly id: string,
    readonly endpointId: string,
    protected readonly ctx: ScanContext,
  ) {}

  /**
   * What it found, an entry each (a filter's row positions, a search's
   * matches by chunk), indexed from the first ever like the log's rows.
   */
  protected abstract get results(): Column<Float64Array>;
  /** Lets go of the entries whose rows or chunks the log let go of. */
  protected abstract trim(): void;
  protected abstract progress(): { done: number; total: number };
  /** Does work until `deadline` (performance.now()); true when it could do more at once. */
  abstract step(deadline: number): boolean;

  /** Entries held. */
  get found(): number {
    this.trim();
    return this.results.size;
  }

  /** Index of the first entry held; `total` is just past the last. */
  get firstHeld(): number {
    this.trim();
    return this.results.start;
  }

  get total(): number {
    return this.results.length;
  }

  status(): ScanStatus {
    const { done, total } = this.progress();
    const s: ScanStatus = {
      scanId: this.id,
      endpointId: this.endpointId,
      state: this.state,
      unit: this.unit,
      done,
      total,
      found: this.found,
      truncated: this.truncated,
    };
    if (this.error !== undefined) s.error = this.error;
    return s;
  }

  /** Stops the scan; what it found so far stays readable. */
  cancel(): void {
    if (!this.alive) return;
    this.finish('cancelled');
    if (this.inflight > 0) {
      const generation = this.generation;
      const timer = setTimeout(() => {
        if (this.inflight > 0 && this.generation === generation) {
          this.ctx.worker.restart(CANCELLED_RUNAWAY);
        }
      }, RUNAWAY_MS);
      timer.unref();
    }
  }

  /** Neither cancelled nor failed: a filter that is done still follows new rows. */
  get alive(): boolean {
    return this.state === 'running' || this.state === 'done';
  }

  /** Whether new jobs may be posted now. */
  protected get canPost(): boolean {
    return this.alive && this.inflight < JOBS_IN_FLIGHT;
  }

  /**
   * Posts a job. `rewind` puts the scan back to before it, should the worker
   * be ended under it; `apply` takes its answer (jobs answer in order).
   */
  protected post(
    job: Omit<KernelJob, 'id'>,
    transfer: ArrayBuffer[],
    rewind: () => void,
    apply: (result: KernelResult) => void,
  ): void {
    const generation = this.generation;
    this.inflight++;
    this.ctx.worker.run(job, transfer).then(
      (result) => {
        this.inflight--;
        if (generation !== this.generation || !this.alive) return;
        apply(result);
        this.ctx.wake();
      },
      (err: unknown) => {
        this.inflight--;
        if (generation !== this.generation || !this.alive) return;
        const retry = err instanceof ScanAborted && err.retry && this.retries++ < RETRIES;
        if (retry) {
          this.generation++;
          rewind();
          this.ctx.wake();
        } else {
          const reason =
            err instanceof ScanAborted
              ? err.reason
              : JOB_FAILED(err instanceof Error ? err.message : String(err));
          this.finish('failed', scanStopped(reason));
        }
      },
    );
  }

  /** Reports progress when the scan has run long enough for a person to wait on it. */
  protected progressed(): void {
    const now = performance.now();
    if (now - this.startedAt < this.ctx.progressAfterMs) return;
    if (now - this.reportedAt < PROGRESS_EVERY_MS) return;
    this.reportedAt = now;
    this.ctx.report(this.status());
  }

  protected finish(state: Exclude<ScanState, 'running'>, error?: MessageRef): void {
    if (!this.alive || this.state === state) return;
    this.state = state;
    this.error = error;
    this.ctx.report(this.status());
  }
}
