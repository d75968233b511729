/**
 * Runs under a file size limit (`ulimit -f`, see zh-capture-library.test.ts):
 * a capture to disk in DIR fed more than the limit, so the kernel refuses
 * its write with EFBIG (Node ignores SIGXFSZ). Prints the capture's status
 * as one `RESULT {...}` line.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { engineHarness } from '../engine-harness';
import { eventually } from '../peers';

async function main(): Promise<void> {
  const [dir] = process.argv.slice(2) as [string];
  const h = engineHarness({ capturesDir: dir });
  const server = await h.open({ kind: 'tcp-server', host: '127.0.0.1', port: 0 });
  h.engine.captures.start(server.id);
  const sent = randomBytes(4 * 1024 * 1024);
  const socket = net.connect(server.local!.port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  for (let at = 0; at < sent.length; at += 64 * 1024)
    socket.write(sent.subarray(at, at + 64 * 1024));
  socket.end();
  await eventually(
    () => h.engine.captures.statuses().some((s) => s.error),
    'the capture to fail',
    20_000,
  );
  const status = await h.engine.captures.stop(server.id);
  await h.dispose();
  console.log(`RESULT ${JSON.stringify({ status })}`);
}

main().catch((err: Error) => {
  console.log(`RESULT ${JSON.stringify({ crashed: err.stack })}`);
  process.exitCode = 1;
});
