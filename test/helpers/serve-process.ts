import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const SERVE_JS = path.join(ROOT, 'out/main/serve.js');

export interface ServeProcess {
  url: string;
  origin: string;
  token: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the built browser mode (`npm run serve`) on a free loopback port;
 * `nofile` runs it under that many file descriptors (`prlimit --nofile`).
 */
export async function startServe(
  extraArgs: string[] = [],
  options: { nofile?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<ServeProcess> {
  if (!existsSync(SERVE_JS)) throw new Error(`${SERVE_JS} is missing: run \`npm run build\` first`);
  const token = `t${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  // A fresh data directory, so tests never read or write the user's own library.
  const dataArgs = extraArgs.includes('--data-dir')
    ? []
    : ['--data-dir', mkdtempSync(path.join(os.tmpdir(), 'wirebench-data-'))];
  const args = [SERVE_JS, '--port', '0', '--token', token, ...dataArgs, ...extraArgs];
  // prlimit sets the limit and then becomes node (exec), so the child is the server itself.
  const [command, commandArgs] = options.nofile
    ? ['prlimit', [`--nofile=${options.nofile}`, process.execPath, ...args]]
    : [process.execPath, args];
  const child = spawn(command, commandArgs, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ? { ...process.env, ...options.env } : process.env,
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 15_000);
    const check = (): void => {
      const m = /(http:\/\/\S+\?token=\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token,
    port: Number(parsed.port),
    child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        // A process killed by a signal has a signalCode and no exitCode.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
