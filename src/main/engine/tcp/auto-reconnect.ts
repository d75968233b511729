/**
 * A client that dials again by itself when its peer goes away: waits
 * 0.5 s, then 1 s, 2 s, … up to 30 s between attempts, back to 0.5 s after
 * a connection succeeds. Each wait is shortened by up to a fifth at random
 * (never below the first), so many clients that lost the same server do not
 * all knock at the same instant. Runs in the engine on Node's timers (libuv
 * keeps them on the monotonic clock), so a hidden window or a wall-clock
 * step changes nothing.
 */

export const FIRST_DELAY_MS = 500;
export const LONGEST_DELAY_MS = 30_000;
/** The largest share of a wait that jitter takes off. */
export const JITTER = 0.2;

/** The wait before attempt `attempt` (from 1), given a random number in [0, 1). */
export function backoffDelay(attempt: number, random: number): number {
  const base = Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(attempt - 1, 16));
  return Math.max(FIRST_DELAY_MS, Math.round(base * (1 - JITTER * random)));
}

/** Time and timers, injected so a test can drive the schedule without waiting. */
export interface ReconnectTimers {
  /** Monotonic milliseconds (performance.now in the app). */
  now(): number;
  after(ms: number, run: () => void): { cancel(): void };
  random(): number;
}

export const systemTimers: ReconnectTimers = {
  now: () => performance.now(),
  after: (ms, run) => {
    const timer = setTimeout(run, ms);
    return { cancel: () => clearTimeout(timer) };
  },
  random: Math.random,
};

/** A wait in progress: the attempt it leads to, its length, and when it ends (monotonic ms). */
export interface ReconnectWait {
  attempt: number;
  delayMs: number;
  dueMs: number;
}

export interface ReconnectHooks {
  /** Dials once; resolves once connected, rejects when this attempt failed. */
  dial(): Promise<void>;
  /** A wait began (the endpoint shows it). */
  waiting(wait: ReconnectWait): void;
}

/**
 * The retry loop of one client. `start()` after the peer went away (or a
 * dial the user asked for failed); `connected()` after any success resets the
 * schedule; `stop()` (Close, Remove) cancels the wait, and a dial in flight
 * that fails afterwards schedules nothing.
 */
export class AutoReconnect {
  private attempt = 1;
  private timer: { cancel(): void } | null = null;
  private running = false;
  private current: ReconnectWait | null = null;

  constructor(
    private readonly hooks: ReconnectHooks,
    private readonly timers: ReconnectTimers = systemTimers,
  ) {}

  /** The wait in progress, if any. */
  get wait(): ReconnectWait | null {
    return this.current;
  }

  get active(): boolean {
    return this.running;
  }

  start(): void {
    this.running = true;
    this.schedule();
  }

  /** A connection succeeded (by itself or on demand): the next loss starts from 0.5 s. */
  connected(): void {
    this.attempt = 1;
    this.running = false;
    this.current = null;
  }

  stop(): void {
    this.running = false;
    this.timer?.cancel();
    this.timer = null;
    this.current = null;
  }

  private schedule(): void {
    this.timer?.cancel();
    const delayMs = backoffDelay(this.attempt, this.timers.random());
    this.current = { attempt: this.attempt, delayMs, dueMs: this.timers.now() + delayMs };
    this.timer = this.timers.after(delayMs, () => void this.dial());
    this.hooks.waiting(this.current);
  }

  private async dial(): Promise<void> {
    this.timer = null;
    this.current = null;
    if (!this.running) return;
    this.attempt++;
    try {
      await this.hooks.dial();
      this.connected();
    } catch {
      if (this.running) this.schedule();
    }
  }
}
