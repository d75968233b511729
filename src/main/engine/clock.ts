/**
 * Microseconds since the epoch, monotonic within a run: the wall clock at
 * the process's start (performance.timeOrigin) advanced by the monotonic
 * high-resolution timer. Date.now() alone has millisecond resolution and can
 * step backwards with NTP. No BigInt: this runs once per recorded chunk, and
 * a double holds today's microseconds exactly (< 2^53).
 */
export type Clock = () => number;

export function createMicroClock(): Clock {
  // Node's global `performance` is a getter that loads the module: read once, not per chunk.
  const timer = performance;
  const origin = timer.timeOrigin;
  return () => Math.floor((origin + timer.now()) * 1000);
}
