/**
 * Microseconds since the epoch, monotonic within a run: the wall clock read
 * once at start, advanced by the high-resolution timer. Date.now() alone has
 * millisecond resolution and can step backwards with NTP.
 */
export type Clock = () => number;

export function createMicroClock(): Clock {
  const wallAtStart = Date.now() * 1000;
  const hrAtStart = process.hrtime.bigint();
  return () => wallAtStart + Number((process.hrtime.bigint() - hrAtStart) / 1000n);
}
