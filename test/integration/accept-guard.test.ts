import { readdirSync } from 'node:fs';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AcceptGuard } from '../../src/main/engine/tcp/accept-guard';
import {
  DescriptorBudget,
  type DescriptorUsage,
} from '../../src/main/engine/tcp/descriptor-budget';
import { eventually } from '../helpers/peers';
import { englishOf } from '../../src/shared/messages/plain-formats';

/**
 * The guard on a real loopback listener, with the descriptor count told by
 * the test (the real one is proven under prlimit in descriptor-limit.test.ts):
 * peers that come and go at the limit must not turn into a notice a second.
 */
const servers: net.Server[] = [];
const sockets: net.Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.destroy());
  await Promise.all(
    servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
  );
});

function connect(port: number): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  sockets.push(socket);
  return new Promise((resolve) => socket.once('connect', () => resolve(socket)));
}

describe('AcceptGuard', () => {
  it('refuses and counts while descriptors are short, and says so at most once a minute', async () => {
    let open = 10;
    let clock = 0;
    const usage = (): DescriptorUsage => ({ open, limit: 64, outOfDescriptors: false });
    const server = net.createServer((s) => sockets.push(s));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const notices: string[] = [];
    // Counted off the loop as the app does (descriptor-budget.ts), from the test's numbers.
    const budget = new DescriptorBudget(usage, undefined, async () => usage());
    const guard = new AcceptGuard(
      server,
      budget,
      {
        notice: (_level, message) => notices.push(englishOf(message)),
        changed: () => undefined,
        where: () => `127.0.0.1:${port}`,
      },
      () => clock,
    );

    // One accept leaves no more than the reserve (the first count, on the
    // loop): the next peers are refused and counted.
    open = 50;
    await connect(port);
    await eventually(() => notices.length === 1, 'the notice');
    expect(notices[0]).toMatch(/^Wirebench has 50 of its 64 file descriptors open/);
    const refused = await connect(port);
    await new Promise((resolve) => refused.once('close', resolve));
    await eventually(() => guard.refused === 1, 'one refusal');
    // Descriptors come back: accepted again, and said.
    open = 10;
    await eventually(() => notices.length === 2, 'accepting again', 5000);
    expect(notices[1]).toBe(
      `127.0.0.1:${port} accepts new connections again (1 refused so far while file descriptors were short)`,
    );

    // Short again within the minute: counted, not said (nor its end).
    clock += 30_000;
    open = 50;
    // Counted again off the loop after an accept near the limit; the next accept is the last.
    await connect(port);
    await eventually(() => budget.usage().open === 50, 'a count after the accept');
    await connect(port);
    const again = await connect(port);
    await new Promise((resolve) => again.once('close', resolve));
    await eventually(() => guard.refused === 2, 'a second refusal');
    open = 10;
    await eventually(() => server.maxConnections === undefined, 'accepting again', 5000);
    expect(notices).toHaveLength(2);
    guard.dispose();
  });

  it('tells the budget the descriptor of each peer it accepts, as the listing names it', async () => {
    // A count in flight during a storm learns from these which accepts its
    // listing already saw (descriptor-budget.ts), instead of counting them twice.
    const told: number[] = [];
    const budget = new (class extends DescriptorBudget {
      override exhausted(fd?: number): boolean {
        told.push(fd ?? -1);
        return super.exhausted(fd);
      }
    })();
    const accepted: net.Socket[] = [];
    const server = net.createServer((s) => {
      sockets.push(s);
      accepted.push(s);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const guard = new AcceptGuard(server, budget, {
      notice: () => undefined,
      changed: () => undefined,
      where: () => `127.0.0.1:${port}`,
    });
    for (let i = 0; i < 3; i++) await connect(port);
    await eventually(() => told.length === 3, 'three accepts');
    const listed = new Set(readdirSync('/proc/self/fd').map(Number));
    expect(new Set(told).size).toBe(3);
    for (const fd of told) {
      expect(fd).toBeGreaterThan(2);
      expect(listed.has(fd)).toBe(true);
    }
    // Each is the accepted socket's own: closing the peers frees those numbers.
    accepted.forEach((s) => s.destroy());
    await eventually(
      () => told.every((fd) => !new Set(readdirSync('/proc/self/fd').map(Number)).has(fd)),
      'the descriptors closed',
    );
    guard.dispose();
  });
});
