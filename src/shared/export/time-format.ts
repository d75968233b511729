/**
 * Microsecond timestamps as text for the exports. Date only resolves
 * milliseconds, so the sub-second part is taken from the integer instead.
 */

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function split(us: number): { date: Date; micros: number } {
  const ms = Math.floor(us / 1000);
  return { date: new Date(ms), micros: us - Math.floor(us / 1_000_000) * 1_000_000 };
}

/** `2024-05-01T10:34:56.123456Z`: UTC, microseconds, for machine-readable exports. */
export function isoMicros(us: number): string {
  const { date, micros } = split(us);
  return `${date.toISOString().slice(0, 19)}.${pad(micros, 6)}Z`;
}

/** `2024-05-01 12:34:56.123456` in the machine's time zone (or UTC), for people. */
export function localMicros(us: number, zone: 'local' | 'utc' = 'local'): string {
  const { date: d, micros } = split(us);
  const utc = zone === 'utc';
  const y = utc ? d.getUTCFullYear() : d.getFullYear();
  const mo = (utc ? d.getUTCMonth() : d.getMonth()) + 1;
  const day = utc ? d.getUTCDate() : d.getDate();
  const h = utc ? d.getUTCHours() : d.getHours();
  const mi = utc ? d.getUTCMinutes() : d.getMinutes();
  const s = utc ? d.getUTCSeconds() : d.getSeconds();
  return `${y}-${pad(mo, 2)}-${pad(day, 2)} ${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(micros, 6)}`;
}
