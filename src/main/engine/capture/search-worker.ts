import { Worker } from 'node:worker_threads';
import type { MessageRef } from '../../../shared/messages/catalogue';
import {
  APP_CLOSING,
  JOB_FAILED,
  WORKER_EXITED,
  WORKER_FAILED,
  runawayStopped,
} from './log-page-errors';
import { scanKernel, type KernelJob, type KernelResult } from './search-kernel';

/**
 * The thread that scans the log's bytes for find and filters, so the event
 * loop that serves the sockets never does. The slabs are SharedArrayBuffers:
 * posting one shares it, so a job costs its segment list, not its bytes.
 * One job runs at a time, in the order posted. The worker is started on
 * the first job and kept; restart() ends a runaway one (a regular
 * expression that backtracks for ever) and the next job starts another.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const kernel = (${scanKernel.toString()})();
parentPort.on('message', (job) => {
  let result;
  try {
    result = kernel.scan(job);
  } catch (err) {
    parentPort.postMessage({ id: job.id, error: String((err && err.message) || err) });
    return;
  }
  parentPort.postMessage(result, [result.matches.buffer]);
});
`;

interface Pending {
  resolve(result: KernelResult): void;
  reject(error: Error): void;
}

/** Why a job did not finish: it threw (retry false), or the worker was ended under it (retry true). */
export class ScanAborted extends Error {
  constructor(
    readonly reason: MessageRef,
    readonly retry: boolean,
  ) {
    super(reason.code);
  }
}

/**
 * The longest one job may run. A job is 32 MiB at most (scan-jobs.ts), a
 * fraction of a second for any pattern that ends; past this it is a regular
 * expression that backtracks for ever, which nobody may be there to cancel
 * (its window closed), and it would hold up every other window's scans.
 */
export const JOB_LIMIT_MS = 10_000;

export class SearchWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Runs out when the oldest job (the one the worker is running) has run too long. */
  private limit: NodeJS.Timeout | null = null;

  constructor(private readonly limitMs: number = JOB_LIMIT_MS) {}

  /** Runs one job; the transfer list hands over copied buffers (never a slab). */
  run(job: Omit<KernelJob, 'id'>, transfer: ArrayBuffer[] = []): Promise<KernelResult> {
    const id = this.nextId++;
    const worker = this.start();
    return new Promise<KernelResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...job, id }, transfer);
      if (this.pending.size === 1) this.watchOldest();
    });
  }

  /** Jobs posted and not yet answered. */
  get busy(): number {
    return this.pending.size;
  }

  /** Ends the worker and fails every job it had; the next run() starts a fresh one. */
  restart(reason: MessageRef): void {
    const worker = this.worker;
    this.worker = null;
    this.failAll(reason);
    if (worker) void worker.terminate();
  }

  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll(APP_CLOSING);
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    // Searching never keeps the process alive on its own.
    worker.unref();
    worker.on('message', (message: KernelResult | { id: number; error: string }) => {
      const p = this.pending.get(message.id);
      if (!p) return;
      this.pending.delete(message.id);
      this.watchOldest();
      if ('error' in message) p.reject(new ScanAborted(JOB_FAILED(message.error), false));
      else p.resolve(message);
    });
    worker.on('error', (err) => {
      if (this.worker === worker) this.restart(WORKER_FAILED(err.message));
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.restart(WORKER_EXITED);
    });
    this.worker = worker;
    return worker;
  }

  /** Times the job the worker runs now: jobs run one at a time, oldest first. */
  private watchOldest(): void {
    if (this.limit) clearTimeout(this.limit);
    this.limit = null;
    if (this.pending.size === 0) return;
    const oldest = this.pending.keys().next().value!;
    this.limit = setTimeout(() => {
      const p = this.pending.get(oldest);
      if (!p) return;
      // The runaway fails for good; the jobs behind it are posted again to a fresh worker.
      this.pending.delete(oldest);
      p.reject(new ScanAborted(runawayStopped(Math.round(this.limitMs / 1000)), false));
      this.restart(runawayStopped(Math.round(this.limitMs / 1000)));
    }, this.limitMs);
    this.limit.unref();
  }

  private failAll(reason: MessageRef): void {
    if (this.limit) clearTimeout(this.limit);
    this.limit = null;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(new ScanAborted(reason, true));
  }
}
