import { readFileSync } from 'node:fs';

let cached: { value: number | null; at: number } | null = null;
/** It rarely changes; a listener's info is read many times a second. */
const REREAD_MS = 10_000;

/**
 * The most any listen() backlog gets on this system: Linux silently caps
 * the backlog at net.core.somaxconn. Null where the system does not say.
 */
export function systemListenMax(now = performance.now()): number | null {
  if (cached && now - cached.at < REREAD_MS) return cached.value;
  let value: number | null = null;
  try {
    const n = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8').trim());
    value = Number.isSafeInteger(n) && n > 0 ? n : null;
  } catch {
    // Not Linux (or /proc is not mounted): the system does not say.
  }
  cached = { value, at: now };
  return value;
}
