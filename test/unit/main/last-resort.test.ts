import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  installLastResort,
  lastResortLog,
  MAX_REPORTS,
  unexpectedFailureEvent,
} from '../../../src/main/core/last-resort';
import { ROOT } from '../../helpers/serve-process';
import { inEnglish } from '../../helpers/english';

/**
 * The main process's last resort: what nobody caught is written down and
 * the process goes on. Driven on a stand-in emitter, then in a real Node
 * process, which must outlive a throwing timer and a rejected promise.
 */
const run = promisify(execFile);
const work = mkdtempSync(path.join(os.tmpdir(), 'wirebench-last-resort-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('installLastResort', () => {
  it('records an uncaught exception and an unhandled rejection of any kind, with the stack', () => {
    const target = new EventEmitter();
    const log = vi.fn();
    const uninstall = installLastResort(log, target);
    target.emit('uncaughtException', new Error('boom'));
    target.emit('unhandledRejection', 'a bare string', Promise.resolve());
    target.emit('unhandledRejection', { code: 42 }, Promise.resolve());
    target.emit('unhandledRejection', undefined, Promise.resolve());
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    target.emit('unhandledRejection', cyclic, Promise.resolve());
    const reports = log.mock.calls.map(([r]) => r as string);
    expect(reports[0]).toMatch(/^Unexpected error, kept running: Error: boom\n\s+at /);
    expect(reports.slice(1)).toEqual([
      'Unhandled promise rejection, kept running: a bare string',
      'Unhandled promise rejection, kept running: {"code":42}',
      'Unhandled promise rejection, kept running: undefined',
      'Unhandled promise rejection, kept running: [object Object]',
    ]);
    uninstall();
    expect(target.listenerCount('uncaughtException')).toBe(0);
    expect(target.listenerCount('unhandledRejection')).toBe(0);
  });

  it('writes at most MAX_REPORTS reports in a storm, and says when it stops', () => {
    const target = new EventEmitter();
    const log = vi.fn();
    installLastResort(log, target);
    for (let i = 0; i < MAX_REPORTS * 3; i++) target.emit('uncaughtException', new Error(`#${i}`));
    expect(log).toHaveBeenCalledTimes(MAX_REPORTS);
    expect(log.mock.lastCall?.[0]).toMatch(/later ones are not recorded/);
  });

  it('survives a log that throws', () => {
    const target = new EventEmitter();
    installLastResort(() => {
      throw new Error('disk gone');
    }, target);
    expect(() => target.emit('uncaughtException', new Error('boom'))).not.toThrow();
  });
});

describe('lastResortLog', () => {
  it('writes to stderr, appends to the log file (making its folder) and notifies', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const file = path.join(work, 'data', 'wirebench.log');
    const notify = vi.fn();
    let written: unknown[] = [];
    try {
      const log = lastResortLog({ file, notify });
      log('first');
      log('second');
      written = stderr.mock.calls.map(([line]) => line);
    } finally {
      stderr.mockRestore();
    }
    expect(written).toEqual([
      expect.stringMatching(/^\d{4}-\d\d-\d\dT.* wirebench: first\n$/),
      expect.stringMatching(/ wirebench: second\n$/),
    ]);
    expect(readFileSync(file, 'utf8')).toMatch(/wirebench: first\n.*wirebench: second\n$/);
    expect(notify.mock.calls).toEqual([['first'], ['second']]);
  });

  it('a file it cannot write is skipped: stderr still has the report', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const blocker = path.join(work, 'not-a-folder');
    writeFileSync(blocker, '');
    try {
      expect(() => lastResortLog({ file: path.join(blocker, 'wirebench.log') })('x')).not.toThrow();
      expect(stderr).toHaveBeenCalledTimes(1);
    } finally {
      stderr.mockRestore();
    }
  });

  it('tells the windows in a sentence where the details are', () => {
    expect(inEnglish(unexpectedFailureEvent('/data/wirebench.log'))).toEqual({
      type: 'notice',
      level: 'error',
      endpointId: null,
      message:
        'Wirebench hit an unexpected error and kept running; the details are in /data/wirebench.log',
    });
  });
});

describe('in a real Node process', () => {
  /** Runs a script that may install the last resort, then throws from a timer and rejects. */
  async function child(install: boolean): Promise<{ code: number; out: string }> {
    const script = `
      const { createJiti } = require(${JSON.stringify(path.join(ROOT, 'node_modules/jiti'))});
      const lastResort = createJiti(${JSON.stringify(path.join(ROOT, 'package.json'))})(${JSON.stringify(path.join(ROOT, 'src/main/core/last-resort.ts'))});
      if (${install}) lastResort.installLastResort(lastResort.lastResortLog({ file: process.argv[1] }));
      setTimeout(() => { throw new Error('thrown from a timer'); }, 1);
      setTimeout(() => Promise.reject(new Error('rejected, never awaited')), 2);
      setTimeout(() => console.log('still running'), 30);
    `;
    const file = path.join(work, `child-${install}.log`);
    try {
      const { stdout, stderr } = await run(process.execPath, ['-e', script, file], {
        timeout: 20_000,
      });
      return { code: 0, out: stdout + stderr + readFileSync(file, 'utf8') };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: e.stdout + e.stderr };
    }
  }

  it('outlives a throwing timer and a rejected promise, and records both in its log file', async () => {
    const withIt = await child(true);
    expect(withIt.code, withIt.out).toBe(0);
    expect(withIt.out).toContain('still running');
    expect(withIt.out).toMatch(/Unexpected error, kept running: Error: thrown from a timer/);
    expect(withIt.out).toMatch(/Unhandled promise rejection, kept running: Error: rejected/);
    // Without it, the same script dies at the first throw: the test above means something.
    const without = await child(false);
    expect(without.code).not.toBe(0);
    expect(without.out).not.toContain('still running');
  });
});
