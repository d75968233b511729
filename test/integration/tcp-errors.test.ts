import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createInMemoryApi, type InMemoryApi } from '../helpers/in-memory-api';
import { must, refusal } from '../helpers/result';
import { buildEngineChild, openInChild } from '../helpers/engine-child';
import { nodeListener } from '../helpers/node-peers';
import { eventually, freePort } from '../helpers/peers';

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

const openError = (spec: Record<string, unknown>) => refusal(bridge, 'openEndpoint', { spec });

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
    expect(await openError({ kind: 'tcp-server', host: '127.0.0.1', port })).toBe(
      `Port ${port} on 127.0.0.1 is already in use`,
    );
    // The failed endpoint is not kept: the user fixes the form instead.
    expect((await must(bridge.api.listEndpoints({}))).length).toBe(1);
  });

  it('EACCES: a port below 1024 for a user without the right', async () => {
    const outcome = await openInChild(
      child,
      { kind: 'tcp-server', host: '127.0.0.1', port: 80 },
      { uid: 65534, wrap: inNetns('sysctl -qw net.ipv4.ip_unprivileged_port_start=1024') },
    );
    expect(outcome).toEqual({
      ok: false,
      message:
        'Permission denied for port 80 on 127.0.0.1: ports below 1024 need administrator rights',
    });
  });

  it('EADDRNOTAVAIL: an address this machine does not have (bound locally, never contacted)', async () => {
    expect(await openError({ kind: 'tcp-server', host: '192.0.2.1', port: 0 })).toBe(
      'Address 192.0.2.1 is not available on this machine',
    );
    const device = await nodeListener();
    expect(
      await openError({
        kind: 'tcp-client',
        host: '127.0.0.1',
        port: device.port,
        localAddress: '192.0.2.1',
      }),
    ).toBe('Address 192.0.2.1 is not available on this machine');
    await device.close();
  });

  it('ECONNREFUSED: nothing listening', async () => {
    const port = await freePort();
    expect(await openError({ kind: 'tcp-client', host: '127.0.0.1', port })).toBe(
      `Connection to 127.0.0.1:${port} was refused: nothing is listening there`,
    );
    expect(await openError({ kind: 'tcp-client', host: '::1', port })).toBe(
      `Connection to [::1]:${port} was refused: nothing is listening there`,
    );
  });

  it('ETIMEDOUT: a listener whose accept queue is full drops our SYN', async () => {
    // A Python listener that never accepts, with its tiny queue filled first.
    const script = path.join(os.tmpdir(), `wirebench-full-backlog-${process.pid}.py`);
    writeFileSync(
      script,
      [
        'import socket, subprocess, sys, time',
        's = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(0)',
        'port = s.getsockname()[1]',
        'fillers = []',
        'for _ in range(4):',
        '    c = socket.socket(); c.setblocking(False)',
        '    try: c.connect(("127.0.0.1", port))',
        '    except BlockingIOError: pass',
        '    fillers.append(c)',
        // Full once the kernel lists more queued (Recv-Q) than the backlog (Send-Q).
        'for _ in range(250):',
        '    row = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout.split()',
        '    if row and int(row[1]) > int(row[2]): break',
        '    time.sleep(0.02)',
        'else: sys.exit("the accept queue never filled")',
        'print(port, flush=True)',
        'time.sleep(30)',
      ].join('\n'),
    );
    const python = spawn('python3', [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let out = '';
      python.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const port = Number(await eventually(() => out.trim(), 'python listener port'));
      expect(await openError({ kind: 'tcp-client', host: '127.0.0.1', port, timeoutMs: 700 })).toBe(
        `Connection to 127.0.0.1:${port} timed out after 0.7 s`,
      );
    } finally {
      python.kill('SIGKILL');
    }
  });

  it('EHOSTUNREACH: no route to the host (an unreachable route in a private namespace)', async () => {
    const outcome = await openInChild(
      child,
      { kind: 'tcp-client', host: '10.66.0.1', port: 9, timeoutMs: 3000 },
      { wrap: inNetns('ip route add unreachable 10.66.0.0/16') },
    );
    expect(outcome).toEqual({
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
    expect(outcome).toEqual({
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
    expect(reset.message).toBe(`Connection with 127.0.0.1:${device.port} was reset by the peer`);
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
    expect(notice).toMatchObject({ message: `Connection with ${where} was reset by the peer` });
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
    // The first send is answered by an RST; a later one meets a broken pipe.
    let message = '';
    for (let i = 0; i < 50 && !message; i++) {
      const r = await bridge.api.send({ endpointId: client.id, data: Buffer.from('ping') });
      if (!r.ok) message = r.error.message;
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(message).toBe(
      `Could not send to 127.0.0.1:${device.port}: the peer has closed the connection`,
    );
    await device.close();
  });
});
