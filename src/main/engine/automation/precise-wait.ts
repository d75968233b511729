/**
 * Waiting until a moment on the monotonic clock (performance.now, in ms),
 * to well under a millisecond. A Node timer fires on a millisecond grid and
 * often a millisecond late, so the timer is set to wake SPIN_LEAD_MS early
 * and the last stretch is polled with setImmediate: each poll is one turn
 * of the event loop, so sockets and other timers keep being served while
 * it waits. The price is a busy core for that last stretch (all the time
 * at intervals shorter than the lead).
 *
 * Even a moment already past is reached through one turn of the event loop:
 * a sender that runs late (a send to a thousand peers takes longer than a
 * 1 ms interval) would otherwise go from send to send in promise callbacks
 * alone, and no timer, no socket read, no window's Stop would get a turn.
 */

export const SPIN_LEAD_MS = 2;

export type WaitEnd = 'due' | 'aborted';

/** Resolves at `dueMs` (performance.now() time), or as soon as `signal` aborts. */
export function waitUntil(dueMs: number, signal: AbortSignal): Promise<WaitEnd> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve('aborted');
    let timer: NodeJS.Timeout | undefined;
    let immediate: NodeJS.Immediate | undefined;
    const finish = (end: WaitEnd): void => {
      clearTimeout(timer);
      clearImmediate(immediate);
      signal.removeEventListener('abort', onAbort);
      resolve(end);
    };
    const onAbort = (): void => finish('aborted');
    const poll = (): void => {
      if (performance.now() >= dueMs) finish('due');
      else immediate = setImmediate(poll);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const sleep = dueMs - performance.now() - SPIN_LEAD_MS;
    if (sleep >= 1) timer = setTimeout(poll, Math.floor(sleep));
    else immediate = setImmediate(poll);
  });
}

/** A plain wait of `ms` (a script's `wait`), ended early by `signal`; no polling needed. */
export function delay(ms: number, signal: AbortSignal): Promise<WaitEnd> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve('aborted');
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve('aborted');
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve('due');
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
