import type { ExpectFinder, ExpectHit } from '../../../shared/automation/expect-match';
import { delay } from './precise-wait';
import type { ReceiveBuffer } from './receive-buffer';

/**
 * How long scanning may keep the thread, relative to the time between
 * scans: while bytes flood in during an expect, what was received is
 * scanned again at most after SCAN_BACKOFF times as long as the last scan
 * took, so scanning (up to a megabyte, a regex over all of it) takes at
 * most a fifth of the main process however fast a peer writes. A quiet
 * peer's bytes are scanned at once.
 */
export const SCAN_BACKOFF = 4;

export type MatchWait = ExpectHit | 'timeout' | 'stopped';

/**
 * Waits until `find` matches what `buffer` holds (bytes already there
 * count), for `withinMs`, or until `stop` aborts. A final scan is made at
 * the deadline, so bytes that came during a pause between scans are not missed.
 */
export async function awaitMatch(
  buffer: ReceiveBuffer,
  find: ExpectFinder,
  withinMs: number,
  stop: AbortSignal,
): Promise<MatchWait> {
  const wake = new AbortController();
  const onStop = (): void => wake.abort();
  stop.addEventListener('abort', onStop, { once: true });
  let timeUp = false;
  const timer = setTimeout(() => {
    timeUp = true;
    wake.abort();
  }, withinMs);
  // What the last failed scan saw, so a scan looks only where a match can newly be.
  let seen = -1;
  let droppedAtScan = buffer.dropped;
  let quietUntil = 0;
  try {
    for (;;) {
      const dropped = buffer.dropped - droppedAtScan;
      const fresh = seen < 0 || buffer.length !== seen || dropped > 0;
      if (fresh && (performance.now() >= quietUntil || timeUp || stop.aborted)) {
        const started = performance.now();
        const view = buffer.view();
        const hit = find(view, Math.max(0, seen - dropped));
        quietUntil = performance.now() + (performance.now() - started) * SCAN_BACKOFF;
        if (hit) return hit;
        seen = view.length;
        droppedAtScan = buffer.dropped;
        continue;
      }
      if (stop.aborted) return 'stopped';
      if (timeUp) return 'timeout';
      if (fresh) await delay(Math.max(1, quietUntil - performance.now()), wake.signal);
      else await buffer.next(wake.signal);
    }
  } finally {
    clearTimeout(timer);
    stop.removeEventListener('abort', onStop);
  }
}
