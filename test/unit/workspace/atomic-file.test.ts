import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomically } from '../../../src/main/workspace/atomic-file';

describe('writeAtomically', () => {
  it('two writes of one file at once (two windows saving) leave one of them whole, never a mix', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-atomic-'));
    const file = path.join(dir, 'bench.json');
    const long = `${'L'.repeat(256 * 1024)}\n`;
    const short = `${'S'.repeat(1024)}\n`;
    // Bounded: a few rounds, each two writes started together.
    for (let round = 0; round < 10; round++) {
      const results = await Promise.allSettled([
        writeAtomically(file, long, { previous: path.join(dir, 'bench.previous.json') }),
        writeAtomically(file, short, { previous: path.join(dir, 'bench.previous.json') }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      expect([long, short]).toContain(readFileSync(file, 'utf8'));
    }
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
