import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach } from 'vitest';

/**
 * What a test file that starts peers shares: a temporary folder (removed
 * after the file), the processes it `track`s (killed after each test) and
 * whatever it hands to `later` (closed after each test, after the kills).
 */
export interface Scratch {
  dir: string;
  track<T extends { kill(): void }>(p: T): T;
  later(close: () => unknown): void;
}

export function useScratch(name: string): Scratch {
  const dir = mkdtempSync(path.join(os.tmpdir(), `wirebench-${name}-`));
  const running: Array<{ kill(): void }> = [];
  const closers: Array<() => unknown> = [];
  afterEach(async () => {
    running.splice(0).forEach((p) => p.kill());
    await Promise.all(closers.splice(0).map((close) => close()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    track: (p) => {
      running.push(p);
      return p;
    },
    later: (close) => {
      closers.push(close);
    },
  };
}
