/**
 * Runs in a child process (bundled by engine-child.ts): opens one endpoint
 * with the real engine and prints what happened as one JSON line. Lets a
 * test put the engine where the test process cannot go: another user, a
 * network namespace, a mount namespace with its own name service.
 */
import { Engine } from '../../../src/main/engine/engine';
import { endpointSpec } from '../../../src/shared/contract';

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as { spec: unknown; uid?: number };
  // Parsed as the router would, so defaults (timeouts, options) apply.
  const spec = endpointSpec.parse(job.spec);
  if (job.uid !== undefined) {
    process.setgid?.(job.uid);
    process.setuid?.(job.uid);
  }
  const engine = new Engine({
    sink: { chunk: () => undefined, changed: () => undefined, event: () => undefined },
  });
  try {
    const info = await engine.open(spec);
    console.log(JSON.stringify({ ok: true, state: info.state, message: info.message }));
  } catch (err) {
    console.log(JSON.stringify({ ok: false, message: (err as Error).message }));
  }
  await engine.dispose();
}

void main();
