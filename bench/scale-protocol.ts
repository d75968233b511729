/**
 * What the scale hosts (Wirebench and the bare baselines) share: one JSON
 * line with their address when ready, then one JSON line per command read
 * from stdin (`report`, or one the host adds, such as `send`), and `exit`.
 * Also the kernel's own drop count for a UDP port, read here independently
 * of the app's reader, and the process's CPU time.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export type Commands = Record<string, () => unknown>;

export function serveReports(ready: Record<string, unknown>, commands: Commands): void {
  console.log(JSON.stringify(ready));
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const name = line.trim();
    if (name === 'exit') process.exit(0);
    void Promise.resolve((commands[name] ?? commands.report)!()).then((answer) =>
      console.log(JSON.stringify(answer)),
    );
  });
  lines.on('close', () => process.exit(0));
}

/** The `drops` column of /proc/net/udp for a socket bound to 127.0.0.1:port (null: not Linux). */
export function kernelDrops(port: number): number | null {
  let table: string;
  try {
    table = readFileSync('/proc/net/udp', 'utf8');
  } catch {
    return null;
  }
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const line of table.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols[1] === local) return Number(cols[cols.length - 1]);
  }
  return null;
}

/** CPU time this process has used (user + system), in ms. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Polls a count every millisecond: the first and last time it moved (both
 * sides alike) since the start or the last `restart()` (after a warm-up).
 */
export function watchCount(count: () => number): {
  first: number;
  last: number;
  restart(): void;
} {
  const seen = {
    first: 0,
    last: 0,
    value: count(),
    restart() {
      seen.first = 0;
      seen.last = 0;
    },
  };
  setInterval(() => {
    const now = count();
    if (now === seen.value) return;
    if (seen.first === 0) seen.first = performance.now();
    seen.last = performance.now();
    seen.value = now;
  }, 1).unref();
  return seen;
}
