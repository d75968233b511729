import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PeriodicSender } from '../../src/main/engine/automation/periodic-sender';
import { composePayload } from '../../src/shared/payload/compose';
import { payloadSpecSchema } from '../../src/shared/payload/payload-spec';
import { composeFailed, describeProblem } from '../../src/shared/automation/automation-errors';
import { acceptOne, socketTarget } from '../helpers/automation-targets';
import { spawnPeer, type PeerProcess } from '../helpers/peers';

/**
 * Periodic sends over real loopback TCP, received by socat (a peer nobody
 * here wrote): exactly the payloads sent, each recomposed.
 */

const peers: PeerProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const p of peers.splice(0)) p.kill();
  for (const c of cleanups.splice(0)) await c();
});

/** socat connected to a loopback listener, writing what it receives to stdout; our end of it. */
async function socatReceiver(): Promise<{ socket: net.Socket; socat: PeerProcess }> {
  const listener = await acceptOne();
  cleanups.push(listener.close);
  const socat = spawnPeer('socat', ['-u', `TCP:127.0.0.1:${listener.port}`, 'STDOUT']);
  peers.push(socat);
  return { socket: await listener.accepted, socat };
}

/** `tick {{counter}}\n`, composed by the payload editor's composer for send number `index`. */
const TICK = payloadSpecSchema.parse({
  mode: 'text',
  source: 'tick {{counter}}',
  lineEnding: 'lf',
});
function tick(index: number) {
  const r = composePayload(TICK, { counter: index });
  return r.ok
    ? { ok: true as const, bytes: r.bytes }
    : {
        ok: false as const,
        problem: composeFailed(r.issues),
      };
}

/** A periodic sender of ticks on `socket`, endless unless `options` give a count. */
function ticksTo(
  socket: net.Socket,
  options: Pick<ConstructorParameters<typeof PeriodicSender>[0], 'intervalMs' | 'onProgress'> & {
    count?: number;
  },
): PeriodicSender {
  return new PeriodicSender({
    count: null,
    compose: tick,
    target: socketTarget(socket),
    ...options,
  });
}

describe('periodic send', () => {
  it('sends 10 at 20 ms: socat receives exactly the 10 payloads, each recomposed', async () => {
    const { socket, socat } = await socatReceiver();
    const progress: number[] = [];
    const sender = ticksTo(socket, {
      intervalMs: 20,
      count: 10,
      onProgress: (p) => progress.push(p.sent),
    });
    const stop = await sender.start();
    expect(stop).toMatchObject({ reason: 'completed', sent: 10 });
    expect(sender.progress.nextDueAt).toBeNull();
    // Closing our end lets socat finish: its output is then all it will ever get.
    socket.end();
    expect(await socat.exited()).toBe(0);
    const expected = Array.from({ length: 10 }, (_, i) => `tick ${i}\n`).join('');
    expect(socat.stdout().toString()).toBe(expected);
    expect(progress.at(-1)).toBe(10);
  });

  it('stops with target-closed when the peer goes away, and sends nothing after', async () => {
    const { socket, socat } = await socatReceiver();
    const sender = ticksTo(socket, { intervalMs: 10 });
    const stopped = sender.start();
    await socat.waitForBytes('tick 0\ntick 1\ntick 2\n'.length);
    socat.kill();
    const stop = await stopped;
    expect(stop).toMatchObject({
      reason: 'failed',
      problem: { code: 'automation.target-closed-because' },
    });
    if (stop.reason !== 'failed') throw new Error('not failed');
    expect(describeProblem(stop.problem)).toMatch(
      /^The connection went away: the (peer closed the connection|connection closed)$/,
    );
    expect(sender.progress.nextDueAt).toBeNull();
  });

  it('stops when asked: the run ends with stopped after the sends done so far', async () => {
    const { socket, socat } = await socatReceiver();
    const sender: PeriodicSender = ticksTo(socket, {
      intervalMs: 15,
      onProgress: (p) => {
        if (p.sent === 4) sender.stop();
      },
    });
    expect(await sender.start()).toMatchObject({ reason: 'stopped', sent: 4 });
    socket.end();
    expect(await socat.exited()).toBe(0);
    expect(socat.stdout().toString()).toBe('tick 0\ntick 1\ntick 2\ntick 3\n');
  });
});
