import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { spawnListener } from '../helpers/peers';
import { ROOT } from '../helpers/serve-process';

const run = promisify(execFile);
const work = mkdtempSync(path.join(os.tmpdir(), 'wirebench-cli-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * The command line as people get it: `npx wirebench` in a clone after
 * `npm install`, and `wirebench` on PATH after a global install of the
 * package (npm pack), on plain Node with no Electron.
 */
describe('the wirebench command, installed', () => {
  it('runs from the clone as npx wirebench', async () => {
    const { stdout } = await run('npx', ['--offline', 'wirebench', '--version'], { cwd: ROOT });
    expect(stdout).toBe(`wirebench ${pkg.version} (Node ${process.versions.node})\n`);
  });

  it('the package holds the launcher and the built app, not the sources', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    const [pack] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
    const files = (pack?.files ?? []).map((f) => f.path);
    for (const needed of [
      'package.json',
      'bin/wirebench.mjs',
      'out/main/cli.js',
      'out/main/serve.js',
      'out/renderer/index.html',
    ])
      expect(files).toContain(needed);
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
  });

  it('a global install puts wirebench on PATH, and it talks to socat on plain Node', async () => {
    expect(existsSync(path.join(ROOT, 'out/main/cli.js')), 'run `npm run build` first').toBe(true);
    const { stdout: packed } = await run(
      'npm',
      ['pack', '--ignore-scripts', '--pack-destination', work],
      { cwd: ROOT },
    );
    const tarball = path.join(work, packed.trim().split('\n').pop() ?? '');
    const prefix = path.join(work, 'prefix');
    // Offline: the dependencies come from npm's cache, which `npm ci` filled.
    await run(
      'npm',
      ['install', '-g', '--prefix', prefix, tarball, '--offline', '--no-audit', '--no-fund'],
      {
        cwd: work,
        timeout: 120_000,
      },
    ).catch((err: Error & { stderr?: string }) => {
      throw new Error(
        `npm install -g failed (run npm ci first, so its cache holds the dependencies): ${err.stderr ?? err.message}`,
      );
    });
    const env = {
      ...process.env,
      PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}`,
    };
    const sink = await spawnListener('socat', (port) => [
      '-u',
      `TCP-LISTEN:${port},bind=127.0.0.1`,
      'STDOUT',
    ]);
    try {
      const { stderr } = await run(
        'wirebench',
        ['send', 'tcp', `127.0.0.1:${sink.port}`, '--text', 'installed', '-q'],
        { cwd: work, env },
      );
      expect(stderr).toContain('sent 9 bytes in 1 chunk');
      expect(await sink.peer.exited()).toBe(0);
      expect(sink.peer.stdout().toString()).toBe('installed');
    } finally {
      sink.peer.kill();
    }
  });
});
