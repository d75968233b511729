import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';
import type { EndpointSpecInput, MessageRef } from '../../src/shared/contract';
import { ROOT } from './serve-process';

const run = promisify(execFile);

/**
 * Bundles the real engine into one plain JS file a child process can run,
 * so a test can open an endpoint as another user or inside a namespace.
 */
export async function buildEngineChild(): Promise<string> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-child-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    ssr: { noExternal: true },
    build: {
      ssr: path.join(ROOT, 'test/helpers/children/open-endpoint.ts'),
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: 'open-endpoint.cjs' } },
    },
  });
  return path.join(outDir, 'open-endpoint.cjs');
}

export interface ChildOutcome {
  ok: boolean;
  state?: string;
  /** The message in English with plain values (what a test compares). */
  message: string;
  /** The message itself, as the window would get it. */
  ref: MessageRef | null;
}

/** Opens `spec` in a child, optionally wrapped (e.g. ['unshare', '-n', ...]). */
export async function openInChild(
  script: string,
  spec: EndpointSpecInput,
  options: {
    uid?: number;
    /** Takes every file descriptor first (run it under a small `ulimit -n` with `wrap`). */
    exhaustDescriptors?: boolean;
    /** A UDP endpoint then sends one datagram to host:port; the outcome is the send's. */
    sendTo?: { host: string; port: number };
    wrap?: (node: string[]) => [string, string[]];
  } = {},
): Promise<ChildOutcome> {
  const { uid, exhaustDescriptors, sendTo } = options;
  const job = { spec, uid, exhaustDescriptors, sendTo };
  const node = [process.execPath, script, JSON.stringify(job)];
  const [command, args] = options.wrap ? options.wrap(node) : [node[0]!, node.slice(1)];
  const { stdout } = await run(command, args, { timeout: 20_000 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildOutcome;
}
