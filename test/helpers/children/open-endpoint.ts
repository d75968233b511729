/**
 * Runs in a child process (bundled by engine-child.ts): opens one endpoint
 * with the real engine and prints what happened as one JSON line. Lets a
 * test put the engine where the test process cannot go: another user, a
 * network namespace, a mount namespace with its own name service.
 */
import { openSync } from 'node:fs';
import { Engine } from '../../../src/main/engine/engine';
import type { UdpEndpoint } from '../../../src/main/engine/udp/udp-endpoint';
import { endpointSpec } from '../../../src/shared/contract';
import { englishOf } from '../../../src/shared/messages/plain-formats';
import { EndpointError } from '../../../src/main/engine/system-errors';

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as {
    spec: unknown;
    uid?: number;
    exhaustDescriptors?: boolean;
    /** A UDP endpoint then sends one datagram here; the outcome is the send's. */
    sendTo?: { host: string; port: number };
  };
  // Parsed as the router would, so defaults (timeouts, options) apply.
  const spec = endpointSpec.parse(job.spec);
  if (job.uid !== undefined) {
    process.setgid?.(job.uid);
    process.setuid?.(job.uid);
  }
  const engine = new Engine({
    sink: { chunk: () => undefined, changed: () => undefined, event: () => undefined },
  });
  // Every descriptor taken (the child runs under a small `ulimit -n`): the open meets EMFILE.
  if (job.exhaustDescriptors) {
    try {
      for (;;) openSync('/dev/null', 'r');
    } catch {
      // The table is full.
    }
  }
  try {
    const info = await engine.open(spec);
    if (job.sendTo) {
      const udp = engine.get(info.id) as UdpEndpoint;
      await udp.sendTo(job.sendTo.host, job.sendTo.port, Buffer.from('x'));
    }
    const message = info.message && englishOf(info.message);
    console.log(JSON.stringify({ ok: true, state: info.state, message, ref: info.message }));
  } catch (err) {
    const ref = err instanceof EndpointError ? err.ref : null;
    const message = ref ? englishOf(ref) : (err as Error).message;
    console.log(JSON.stringify({ ok: false, message, ref }));
  }
  await engine.dispose();
}

void main();
