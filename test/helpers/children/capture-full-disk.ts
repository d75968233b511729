/**
 * Runs inside `unshare -m` (see capture-full-disk.test.ts) with two tiny
 * tmpfs mounts of its own: FULL (no space left at all) and SMALL (a little
 * over a megabyte). Tries a capture on each, feeds the second more than it
 * holds, copies what is on disk to OUT, and prints what happened as one
 * `RESULT {...}` line. The mounts go with the process.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { EndpointError } from '../../../src/main/engine/system-errors';
import type { MessageRef } from '../../../src/shared/messages/catalogue';
import { englishOf } from '../../../src/shared/messages/plain-formats';
import { engineHarness } from '../engine-harness';
import { eventually } from '../peers';
import { randomBytes } from '../random-bytes';

const SERVER = { kind: 'tcp-server', host: '127.0.0.1', port: 0 } as const;

async function main(): Promise<void> {
  const [fullDir, smallDir, outDir] = process.argv.slice(2) as [string, string, string];
  const full = engineHarness({ capturesDir: fullDir });
  const onFull = await full.open(SERVER);
  let refused: string | null = null;
  let refusedRef: MessageRef | null = null;
  try {
    full.engine.captures.start(onFull.id);
  } catch (err) {
    refusedRef = err instanceof EndpointError ? err.ref : null;
    refused = refusedRef ? englishOf(refusedRef) : (err as Error).message;
  }
  await full.dispose();

  const small = engineHarness({ capturesDir: smallDir });
  const server = await small.open(SERVER);
  small.engine.captures.start(server.id);
  const sent = randomBytes(4 * 1024 * 1024, 7);
  writeFileSync(path.join(outDir, 'sent.bin'), sent);
  const socket = net.connect(server.local!.port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  // The first piece reaches the disk before the rest comes: on a busy machine the
  // writer may otherwise gather everything into one block, which cannot fit at all.
  socket.write(sent.subarray(0, 64 * 1024));
  await eventually(
    () => small.engine.captures.statuses().some((s) => s.payloadBytes > 0),
    'the first piece on disk',
    20_000,
  );
  for (let at = 64 * 1024; at < sent.length; at += 64 * 1024)
    socket.write(sent.subarray(at, at + 64 * 1024));
  socket.end();
  await eventually(
    () => small.engine.get(server.id).counters.rxBytes === sent.length,
    'every byte at the listener',
    20_000,
  );
  await eventually(
    () => small.engine.captures.statuses().some((s) => s.error),
    'the capture to fail',
    20_000,
  );
  const status = await small.engine.captures.stop(server.id);
  copyFileSync(status!.path, path.join(outDir, 'capture.pcapng'));
  await small.dispose();
  const said = { refused, error: status?.error ? englishOf(status.error) : null };
  const notices = small.notices(server.id);
  console.log(`RESULT ${JSON.stringify({ ...said, refusedRef, status, notices })}`);
}

main().catch((err: Error) => {
  console.log(`RESULT ${JSON.stringify({ crashed: err.stack })}`);
  process.exitCode = 1;
});
