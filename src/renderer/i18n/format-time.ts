/** Microseconds since the epoch as local wall-clock time with microseconds. */
export function formatTime(micros: number): string {
  const date = new Date(Math.floor(micros / 1000));
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const us = Math.floor(micros % 1_000_000);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(us, 6)}`;
}
