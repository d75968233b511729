/** How long one turn of the event loop may spend starting sends before it lets others run. */
const SLICE_MS = 8;
/** And how many it starts at most in one turn (each write's completion runs in the same turn). */
export const SLICE_ITEMS = 256;

/**
 * Starts `start(item)` for every item, a slice of them per turn of the event
 * loop, and waits for them all. A send to 15,000 peers would otherwise
 * start every write in one turn, and nothing else (accepts, reads, the
 * windows' events) would run until the last one was queued. When `signal`
 * fires, the items not yet started are not started (`stopped`).
 */
export async function startInSlices<T, R>(
  items: readonly T[],
  start: (item: T) => Promise<R>,
  signal?: AbortSignal,
): Promise<{ outcomes: R[]; stopped: boolean }> {
  const running: Array<Promise<R>> = [];
  let stopped = false;
  let sliceEnd = performance.now() + SLICE_MS;
  let inSlice = 0;
  for (const item of items) {
    if (inSlice === SLICE_ITEMS || performance.now() >= sliceEnd) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceEnd = performance.now() + SLICE_MS;
      inSlice = 0;
    }
    inSlice++;
    if (signal?.aborted) {
      stopped = true;
      break;
    }
    const started = start(item);
    // Handled now: one that fails while later slices start must not count as unhandled.
    started.catch(() => undefined);
    running.push(started);
  }
  return { outcomes: await Promise.all(running), stopped };
}
