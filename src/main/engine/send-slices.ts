/** How long one turn of the event loop may spend on a send's writes before it lets others run. */
export const SLICE_MS = 8;
/** Items started in the first turn; later turns grow or shrink it to fit SLICE_MS. */
export const FIRST_SLICE_ITEMS = 32;
/** The most started in one turn, however cheap they prove. */
export const MAX_SLICE_ITEMS = 1024;

/** The clock slices are timed by (tests pass their own). */
export type SliceClock = () => number;

/**
 * Starts `start(item)` for every item, a slice of them per turn of the event
 * loop, and waits for them all. A send to 15,000 peers would otherwise
 * start every write in one turn, and nothing else (accepts, reads, the
 * windows' events) would run until the last one was queued. When `signal`
 * fires, the items not yet started are not started (`stopped`).
 *
 * A slice is sized by time, not by a fixed count: what a write costs is
 * mostly paid after `start` returns (its promise continues in microtasks,
 * its completion is recorded in the same turn), so each turn is timed
 * whole, from its first start to the next turn, and the next slice is
 * scaled to fit SLICE_MS. On a loaded machine slices get smaller rather
 * than the loop held longer.
 */
export async function startInSlices<T, R>(
  items: readonly T[],
  start: (item: T) => Promise<R>,
  signal?: AbortSignal,
  now: SliceClock = () => performance.now(),
): Promise<{ outcomes: R[]; stopped: boolean }> {
  const running: Array<Promise<R>> = [];
  let stopped = false;
  let size = FIRST_SLICE_ITEMS;
  let i = 0;
  while (i < items.length) {
    if (signal?.aborted) {
      stopped = true;
      break;
    }
    const sliceStart = now();
    const end = Math.min(items.length, i + size);
    for (; i < end; i++) {
      const started = start(items[i]!);
      // Handled now: one that fails while later slices start must not count as unhandled.
      started.catch(() => undefined);
      running.push(started);
      // Work done synchronously counts too: stop early when it alone fills the turn.
      if (now() - sliceStart >= SLICE_MS) {
        i++;
        break;
      }
    }
    if (i >= items.length) break;
    await new Promise((resolve) => setImmediate(resolve));
    size = nextSliceSize(size, now() - sliceStart);
  }
  return { outcomes: await Promise.all(running), stopped };
}

/** The next slice's size, from how long a turn of `size` items took. */
function nextSliceSize(size: number, tookMs: number): number {
  if (tookMs > SLICE_MS) return Math.max(1, Math.floor((size * SLICE_MS) / tookMs));
  if (tookMs < SLICE_MS / 2) return Math.min(MAX_SLICE_ITEMS, size * 2);
  return size;
}
