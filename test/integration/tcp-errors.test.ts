import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createInMemoryApi, type InMemoryApi } from '../helpers/in-memory-api';
import { must } from '../helpers/result';
import { buildEngineChild, openInChild, type ChildOutcome } from '../helpers/engine-child';
import { expectChinese } from '../helpers/chinese';
import { refusedWith } from '../helpers/provoke';
import type { MessageCode } from '../../src/shared/messages/catalogue';
import { nodeListener } from '../helpers/node-peers';
import { eventually, freePort, fullBacklogListener } from '../helpers/peers';
import { englishOf } from '../../src/shared/messages/plain-formats';
import { inEnglish } from '../helpers/english';

/**
 * Every system error the issue names, provoked for real and read as the
 * sentence a person sees. Where the test process cannot provoke it (another
 * user, no route, no name service), the real engine runs in a child inside
 * a namespace made for the test; nothing outside loopback is contacted.
 */
let bridge: InMemoryApi;
let child: string;
beforeAll(async () => {
  child = await buildEngineChild();
}, 60_000);
beforeEach(() => {
  bridge = createInMemoryApi();
});
afterEach(() => bridge.close());

/**
 * The English a refused open says (what the command line prints), after
 * proving the window in 简体中文 says `code` in Chinese with its values.
 */
async function openError(spec: Record<string, unknown>, code: MessageCode): Promise<string> {
  const ref = await refusedWith(bridge.raw('openEndpoint', { spec }));
  expectChinese(ref, code);
  return englishOf(ref);
}

/** The child's outcome, once its message is proven said in Chinese. */
function inChineseToo(outcome: ChildOutcome, code: MessageCode): ChildOutcome {
  expectChinese(outcome.ref, code);
  return outcome;
}

/** Runs node inside a fresh network namespace whose loopback is up, after `setup` commands. */
const inNetns =
  (setup: string) =>
  (node: string[]): [string, string[]] => [
    'unshare',
    ['-n', 'sh', '-c', `ip link set lo up && ${setup} && exec "$@"`, 'sh', ...node],
  ];

describe('system errors as sentences', () => {
  it('EADDRINUSE: a second listener on the same port', async () => {
    const first = await must(
      bridge.api.openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }),
    );
    const port = first.local!.port;
    expect(
      await openError({ kind: 'tcp-server', host: '127.0.0.1', port }, 'socket.address-in-use'),
    ).toBe(`Port ${port} on 127.0.0.1 is already in use`);
    // The failed endpoint is not kept: the user fixes the form instead.
    expect((await must(bridge.api.listEndpoints({}))).length).toBe(1);
  });

  it('EACCES: a port below 1024 for a user without the right', async () => {
    const outcome = await openInChild(
      child,
      { kind: 'tcp-server', host: '127.0.0.1', port: 80 },
      { uid: 65534, wrap: inNetns('sysctl -qw net.ipv4.ip_unprivileged_port_start=1024') },
    );
    expect(inChineseToo(outcome, 'socket.port-needs-admin')).toMatchObject({
      ok: false,
      message:
        'Permission denied for port 80 on 127.0.0.1: ports below 1024 need administrator rights',
    });
  });

  it('EADDRNOTAVAIL: an address this machine does not have (bound locally, never contacted)', async () => {
    expect(
      await openError(
        { kind: 'tcp-server', host: '192.0.2.1', port: 0 },
        'socket.address-not-here',
      ),
    ).toBe('Address 192.0.2.1 is not available on this machine');
    const device = await nodeListener();
    expect(
      await openError(
        {
          kind: 'tcp-client',
          host: '127.0.0.1',
          port: device.port,
          localAddress: '192.0.2.1',
        },
        'socket.address-not-here',
      ),
    ).toBe('Address 192.0.2.1 is not available on this machine');
    await device.close();
  });

  it('ECONNREFUSED: nothing listening', async () => {
    const port = await freePort();
    expect(await openError({ kind: 'tcp-client', host: '127.0.0.1', port }, 'socket.refused')).toBe(
      `Connection to 127.0.0.1:${port} was refused: nothing is listening there`,
    );
    expect(await openError({ kind: 'tcp-client', host: '::1', port }, 'socket.refused')).toBe(
      `Connection to [::1]:${port} was refused: nothing is listening there`,
    );
  });

  it('ETIMEDOUT: a listener whose accept queue is full drops our SYN', async () => {
    const { peer: python, port } = await fullBacklogListener();
    try {
      expect(
        await openError(
          { kind: 'tcp-client', host: '127.0.0.1', port, timeoutMs: 700 },
          'socket.timed-out',
        ),
      ).toBe(`Connection to 127.0.0.1:${port} timed out after 700 ms`);
    } finally {
      python.kill();
    }
  });

  it('EHOSTUNREACH: no route to the host (an unreachable route in a private namespace)', async () => {
    const outcome = await openInChild(
      child,
      { kind: 'tcp-client', host: '10.66.0.1', port: 9, timeoutMs: 3000 },
      { wrap: inNetns('ip route add unreachable 10.66.0.0/16') },
    );
    expect(inChineseToo(outcome, 'socket.host-unreachable')).toMatchObject({
      ok: false,
      message: 'Host 10.66.0.1 is unreachable (no route to it)',
    });
  });

  it('ENOTFOUND: a name the name service does not know', async () => {
    const nsswitch = path.join(os.tmpdir(), `wirebench-nsswitch-${process.pid}.conf`);
    writeFileSync(nsswitch, 'hosts: files\n');
    const outcome = await openInChild(
      child,
      { kind: 'tcp-client', host: 'no-such-device.test', port: 502 },
      {
        wrap: (node) => [
          'unshare',
          [
            '-m',
            '-n',
            'sh',
            '-c',
            `mount --bind ${nsswitch} /etc/nsswitch.conf && exec "$@"`,
            'sh',
            ...node,
          ],
        ],
      },
    );
    expect(inChineseToo(outcome, 'socket.host-not-found')).toMatchObject({
      ok: false,
      message: 'Host name "no-such-device.test" could not be found',
    });
  });

  it('ECONNRESET: a peer that resets, seen by a client and by a listener', async () => {
    const device = await nodeListener();
    await must(
      bridge.api.openEndpoint({
        spec: { kind: 'tcp-client', host: '127.0.0.1', port: device.port },
      }),
    );
    (await device.next(0)).socket.resetAndDestroy();
    const reset = await eventually(async () => {
      const [info] = await must(bridge.api.listEndpoints({}));
      return info?.state === 'closed' && info;
    }, 'client reset');
    expect(inEnglish(reset.message)).toBe(
      `Connection with 127.0.0.1:${device.port} was reset by the peer`,
    );
    expectChinese(reset.message, 'socket.reset');
    await device.close();

    const server = await must(
      bridge.api.openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }),
    );
    const { connectPeer } = await import('../helpers/node-peers');
    const peer = await connectPeer(server.local!.port);
    await eventually(async () => {
      const info = (await must(bridge.api.listEndpoints({}))).find((e) => e.id === server.id);
      return info?.peerCount === 1;
    }, 'peer accepted');
    const where = `127.0.0.1:${peer.socket.localPort}`;
    peer.socket.resetAndDestroy();
    const notice = await eventually(
      () => bridge.events.find((e) => e.type === 'notice' && e.endpointId === server.id),
      'reset notice',
    );
    expect(inEnglish(notice)).toMatchObject({
      message: `Connection with ${where} was reset by the peer`,
    });
  });

  it('EPIPE: sending to a peer that has gone away', async () => {
    const device = await nodeListener();
    const client = await must(
      bridge.api.openEndpoint({
        spec: { kind: 'tcp-client', host: '127.0.0.1', port: device.port },
      }),
    );
    (await device.next(0)).socket.destroy();
    await eventually(async () => {
      const [info] = await must(bridge.api.listEndpoints({}));
      return info?.state === 'half-closed';
    }, 'FIN from the device');
    // The first send is answered by an RST; a later one meets a broken pipe. The
    // RST gives no signal of its own to wait for: sends 20 ms apart, 50 at most.
    let message = '';
    for (let i = 0; i < 50 && !message; i++) {
      const r = await bridge.api.send({ endpointId: client.id, data: Buffer.from('ping') });
      if (!r.ok) {
        message = englishOf(r.error.message);
        expectChinese(r.error.message, 'socket.peer-gone');
      } else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(message).toBe(
      `Could not send to 127.0.0.1:${device.port}: the peer has closed the connection`,
    );
    await device.close();
  });
});
