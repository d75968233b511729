/**
 * The command line's listen throughput against socat, in one run, each
 * receiver a child process with its stdout on /dev/null:
 *
 *   socat        socat -u TCP-LISTEN:PORT STDOUT: receive, write every byte out
 *   raw          wirebench listen … --once --raw: the same work, through the engine
 *                (counted, in the 8 MiB capture log, written out)
 *   quiet        wirebench listen … --once --quiet: the engine alone, nothing printed
 *   jsonl        wirebench listen … --once --jsonl: a JSON line a chunk, hex and base64
 *                (about 3.4 bytes of output a byte received)
 *   hexdump      wirebench listen … --once: the default hexdump -C lines (about 4.9)
 *
 * This process is the sender: it connects once the receiver listens, writes
 * BYTES in 64 KiB writes as fast as the receiver takes them, and the clock
 * runs from the connect until the receiver has exited (it does when the
 * sender is done: socat at EOF, wirebench with --once). Prints one JSON line:
 * MiB/s per variant, median of RUNS, interleaved.
 */
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { eventually, freePort, isListening } from '../test/helpers/peers';
import { ROOT } from '../test/helpers/serve-process';

const BYTES = Number(process.argv[2] ?? 256 * 1024 * 1024);
const RUNS = Number(process.argv[3] ?? 3);
const CLI = path.join(ROOT, 'out/main/cli.js');

const VARIANTS: Record<string, (port: number) => [string, string[]]> = {
  socat: (port) => ['socat', ['-u', `TCP-LISTEN:${port},bind=127.0.0.1,reuseaddr`, 'STDOUT']],
  raw: (port) => [process.execPath, [CLI, 'listen', 'tcp', `127.0.0.1:${port}`, '--once', '--raw']],
  quiet: (port) => [
    process.execPath,
    [CLI, 'listen', 'tcp', `127.0.0.1:${port}`, '--once', '--quiet'],
  ],
  jsonl: (port) => [
    process.execPath,
    [CLI, 'listen', 'tcp', `127.0.0.1:${port}`, '--once', '--jsonl'],
  ],
  hexdump: (port) => [process.execPath, [CLI, 'listen', 'tcp', `127.0.0.1:${port}`, '--once']],
};

async function once(variant: string): Promise<number> {
  const port = await freePort();
  const [command, args] = VARIANTS[variant]!(port);
  const devNull = openSync('/dev/null', 'w');
  const receiver = spawn(command, args, { stdio: ['ignore', devNull, 'pipe'] });
  let stderr = '';
  receiver.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => receiver.once('exit', resolve));
  await eventually(() => isListening(port), `${variant} to listen`, 15_000);
  const socket = net.connect({ port, host: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const start = performance.now();
  const block = Buffer.alloc(64 * 1024, 0x5a);
  for (let sent = 0; sent < BYTES;) {
    const n = Math.min(block.length, BYTES - sent);
    sent += n;
    if (!socket.write(n === block.length ? block : block.subarray(0, n)))
      await new Promise((resolve) => socket.once('drain', resolve));
  }
  socket.end();
  const timer = setTimeout(() => receiver.kill('SIGKILL'), 600_000);
  const code = await exited;
  clearTimeout(timer);
  const ms = performance.now() - start;
  socket.destroy();
  if (code !== 0) throw new Error(`${variant} exited with ${code}: ${stderr}`);
  if (variant !== 'socat' && !stderr.includes(`received ${BYTES} bytes`))
    throw new Error(`${variant} did not count every byte: ${stderr}`);
  return BYTES / 1024 / 1024 / (ms / 1000);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function main(): Promise<void> {
  const rates: Record<string, number[]> = Object.fromEntries(
    Object.keys(VARIANTS).map((v) => [v, []]),
  );
  for (let i = 0; i < RUNS; i++) {
    for (const variant of Object.keys(VARIANTS)) rates[variant]!.push(await once(variant));
    const line = Object.entries(rates).map(([v, r]) => `${v} ${Math.round(r[i]!)} MiB/s`);
    process.stderr.write(`cli listen run ${i + 1}/${RUNS}: ${line.join(', ')}\n`);
  }
  const out = Object.fromEntries(Object.entries(rates).map(([v, r]) => [v, median(r)]));
  console.log(JSON.stringify({ bytes: BYTES, ...out }));
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});
