import {
  composeFailed,
  type AutomationProblem,
} from '../../../shared/automation/automation-errors';
import { composePayload, type ComposeContext } from '../../../shared/payload/compose';
import type { PayloadSpec } from '../../../shared/payload/payload-spec';
import { closedProblem, sendFailedProblem, type SendTarget } from './automation-target';
import { waitUntil } from './precise-wait';
import { TargetRun } from './target-run';

/**
 * Sends a payload every `intervalMs`, `count` times or until stopped.
 *
 * The k-th slot is due at start + k·interval on the monotonic clock, so
 * lateness never accumulates: a send that goes out late does not move the
 * ones after it. When a send is late by a whole interval or more (the event
 * loop was blocked, or the previous send waited on a slow peer), the slots
 * that passed are SKIPPED, not caught up: a device polled every second wants
 * the next poll on time, not a burst of the missed ones. Skipped slots are
 * counted; `count` counts sends, so a run of 10 still sends 10.
 *
 * One send is in flight at a time: the next waits until the target took
 * the previous one, so a slow peer shows as skipped slots, never as a queue.
 */

export const MIN_INTERVAL_MS = 1;
export const MAX_INTERVAL_MS = 24 * 60 * 60 * 1000;

export type ComposedPayload =
  { ok: true; bytes: Uint8Array } | { ok: false; problem: AutomationProblem };

/** A send's payload composed, or why it cannot be, as automation says it. */
export function composeForSend(spec: PayloadSpec, context: ComposeContext): ComposedPayload {
  const r = composePayload(spec, context);
  if (r.ok) return { ok: true, bytes: r.bytes };
  return { ok: false, problem: composeFailed(r.issues) };
}

export interface PeriodicOptions {
  intervalMs: number;
  /** How many sends; null: until stopped. */
  count: number | null;
  /** The payload of send number `index` (from 0), placeholders recomposed ({{counter}} = index). */
  compose(index: number): ComposedPayload;
  target: SendTarget;
  /** After each send, and when the sender stops. */
  onProgress?(progress: PeriodicProgress): void;
  /** When each send starts, on the monotonic clock (ms): what the bench measures. */
  onSend?(timing: { index: number; intendedMs: number; actualMs: number }): void;
}

export interface PeriodicProgress {
  sent: number;
  skipped: number;
  /** When the next send is due, µs since the epoch (the app's time base); null once stopped. */
  nextDueAt: number | null;
}

export type PeriodicStop =
  | { reason: 'completed' | 'stopped'; sent: number; skipped: number }
  | { reason: 'failed'; problem: AutomationProblem; sent: number; skipped: number };

/** A monotonic time (performance.now ms) as µs since the epoch. */
const toEpochUs = (ms: number): number => Math.floor((performance.timeOrigin + ms) * 1000);

/**
 * start() resolves when the sender stops, saying why; stop() stops it after
 * the send in flight, if any, as 'stopped'.
 */
export class PeriodicSender extends TargetRun<PeriodicStop> {
  private sent = 0;
  private skipped = 0;
  private nextDueMs: number | null = null;

  constructor(private readonly options: PeriodicOptions) {
    super(options.target.closed);
    const { intervalMs, count } = options;
    if (
      !Number.isFinite(intervalMs) ||
      intervalMs < MIN_INTERVAL_MS ||
      intervalMs > MAX_INTERVAL_MS
    )
      throw new RangeError(`The interval must be from 1 ms to 24 h, not ${intervalMs} ms`);
    if (count !== null && (!Number.isInteger(count) || count < 1))
      throw new RangeError(`The count must be a whole number of at least 1, not ${count}`);
  }

  get progress(): PeriodicProgress {
    return {
      sent: this.sent,
      skipped: this.skipped,
      nextDueAt: this.nextDueMs === null ? null : toEpochUs(this.nextDueMs),
    };
  }

  protected async run(): Promise<PeriodicStop> {
    const { intervalMs, count } = this.options;
    const signal = this.stopper.signal;
    const start = performance.now();
    let slot = 0;
    let stop: PeriodicStop | null = null;
    while (stop === null && (count === null || this.sent < count)) {
      this.nextDueMs = start + slot * intervalMs;
      this.report();
      if ((await waitUntil(this.nextDueMs, signal)) === 'aborted') break;
      const late = performance.now() - this.nextDueMs;
      if (late >= intervalMs) {
        const missed = Math.floor(late / intervalMs);
        slot += missed;
        this.skipped += missed;
      }
      stop = await this.sendOne(start + slot * intervalMs);
      slot++;
    }
    this.nextDueMs = null;
    stop ??= this.ended(signal);
    this.report();
    return stop;
  }

  private async sendOne(intendedMs: number): Promise<PeriodicStop | null> {
    const index = this.sent;
    const composed = this.options.compose(index);
    if (!composed.ok) return this.failed(composed.problem);
    this.options.onSend?.({ index, intendedMs, actualMs: performance.now() });
    try {
      await this.options.target.send(composed.bytes);
    } catch (err) {
      const closed = this.options.target.closed;
      return this.failed(closed.aborted ? closedProblem(closed) : sendFailedProblem(err));
    }
    this.sent++;
    return null;
  }

  /** Why the loop ended without a failure of its own. */
  private ended(signal: AbortSignal): PeriodicStop {
    if (!signal.aborted) return { reason: 'completed', sent: this.sent, skipped: this.skipped };
    if (this.stoppedByUser) return { reason: 'stopped', sent: this.sent, skipped: this.skipped };
    return this.failed(closedProblem(this.options.target.closed));
  }

  private failed(problem: AutomationProblem): PeriodicStop {
    return { reason: 'failed', problem, sent: this.sent, skipped: this.skipped };
  }

  private report(): void {
    this.options.onProgress?.(this.progress);
  }
}
