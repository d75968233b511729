import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  endpointSpec,
  type EndpointSpecInput,
  type MessageRef,
} from '../../../src/shared/contract';
import { Engine } from '../../../src/main/engine/engine';
import { buildEngineChild, openInChild } from '../../helpers/engine-child';
import { engineHarness } from '../../helpers/engine-harness';
import { startHarness, type Harness } from '../../helpers/backend-harness';
import { connectPeer, nodeListener } from '../../helpers/node-peers';
import { eventually, fullBacklogListener } from '../../helpers/peers';
import { provokes, refusedWith, sendRefusal, toldOf } from '../../helpers/provoke';
import { must } from '../../helpers/result';
import { startTcpSink } from '../../helpers/tcp-sink';

/**
 * Every message about sockets, connections, peers and sends, provoked for
 * real on loopback (or, where the test process cannot get the system to
 * say it, by the real engine in a child inside a namespace made for it),
 * and said with the UI in 简体中文. The errors tcp-errors.test.ts provokes
 * (in use, refused, timed out, unreachable, reset, …) are said in Chinese there.
 */
let h: Harness;
let child: string;
const closers: Array<() => unknown> = [];
beforeAll(async () => {
  h = startHarness();
  child = await buildEngineChild();
}, 60_000);
afterAll(async () => {
  for (const close of closers.splice(0)) await close();
  await h.close();
});

const open = (spec: EndpointSpecInput) => must(h.api.openEndpoint({ spec }));
const server = () => open({ kind: 'tcp-server', host: '127.0.0.1', port: 0 });
const told = (code: Parameters<typeof toldOf>[1]) => toldOf(() => h.events, code);
const refusedOpen = (spec: Record<string, unknown>) => refusedWith(h.raw('openEndpoint', { spec }));

/** A TCP client connected to a Node listener (closed after the file), and that listener. */
async function connectedClient() {
  const device = await nodeListener();
  closers.push(() => device.close());
  const client = await open({ kind: 'tcp-client', host: '127.0.0.1', port: device.port });
  return { client, device };
}

/** Runs the engine's open in a child inside a fresh network namespace, after `setup`. */
const inNetns =
  (setup: string) =>
  (node: string[]): [string, string[]] => [
    'unshare',
    ['-n', 'sh', '-c', `${setup} && exec "$@"`, 'sh', ...node],
  ];

/** Runs it where the name service asks 127.0.0.1:53, where nobody answers. */
function withSilentNameServer(node: string[]): [string, string[]] {
  const nsswitch = path.join(os.tmpdir(), `wirebench-nsswitch-dns-${process.pid}.conf`);
  const resolv = path.join(os.tmpdir(), `wirebench-resolv-${process.pid}.conf`);
  writeFileSync(nsswitch, 'hosts: dns\n');
  writeFileSync(resolv, 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n');
  const setup = [
    'ip link set lo up',
    `mount --bind ${nsswitch} /etc/nsswitch.conf`,
    `mount --bind ${resolv} /etc/resolv.conf`,
  ].join(' && ');
  return ['unshare', ['-m', '-n', 'sh', '-c', `${setup} && exec "$@"`, 'sh', ...node]];
}

/** Runs it with a small descriptor table, taken whole before the open. */
const underSmallUlimit = (node: string[]): [string, string[]] => [
  'sh',
  ['-c', 'ulimit -n 64 && exec "$@"', 'sh', ...node],
];

async function failedInChild(
  spec: EndpointSpecInput,
  options: Parameters<typeof openInChild>[2],
): Promise<MessageRef | null> {
  return (await openInChild(child, spec, options)).ref;
}

describe('system errors the test process cannot provoke, provoked in a child', () => {
  provokes('socket.permission-denied', () =>
    failedInChild(
      { kind: 'tcp-client', host: '10.66.0.1', port: 9, timeoutMs: 3000 },
      { wrap: inNetns('ip link set lo up && ip route add prohibit 10.66.0.0/16') },
    ),
  );
  provokes('socket.network-unreachable', () =>
    failedInChild(
      { kind: 'tcp-client', host: '127.0.0.1', port: 9, timeoutMs: 3000 },
      // Loopback down: not even 127.0.0.1 has a route.
      { wrap: inNetns('true') },
    ),
  );
  provokes('socket.host-lookup-failed', () =>
    failedInChild(
      { kind: 'tcp-client', host: 'plc.bench.test', port: 502, timeoutMs: 5000 },
      { wrap: withSilentNameServer },
    ),
  );
  provokes('socket.listen-failed', () =>
    failedInChild(
      { kind: 'tcp-server', host: '127.0.0.1', port: 0 },
      { exhaustDescriptors: true, wrap: underSmallUlimit },
    ),
  );
  provokes('socket.connect-failed', () =>
    failedInChild(
      { kind: 'tcp-client', host: '127.0.0.1', port: 9 },
      { exhaustDescriptors: true, wrap: underSmallUlimit },
    ),
  );
  provokes('socket.bind-failed', () =>
    failedInChild(
      { kind: 'udp', host: '127.0.0.1', port: 0 },
      { exhaustDescriptors: true, wrap: underSmallUlimit },
    ),
  );
  // An IPv6 local address for an IPv4 connection: the system says EINVAL.
  provokes('socket.rejected', async () =>
    refusedOpen({ kind: 'tcp-client', host: '127.0.0.1', port: 9, localAddress: '::1' }),
  );
});

describe('state lines', () => {
  provokes('state.listening', async () => (await server()).message);
  provokes('state.connecting', async () => {
    // Seen by an engine whose sink reads the state line at every change.
    const lines: Array<MessageRef | null> = [];
    const engine: Engine = new Engine({
      sink: {
        chunk: () => undefined,
        changed: (id) => {
          if (engine.has(id)) lines.push(engine.get(id).info().message);
        },
        event: () => undefined,
      },
    });
    const device = await nodeListener();
    await engine.open(
      endpointSpec.parse({ kind: 'tcp-client', host: '127.0.0.1', port: device.port }),
    );
    await device.close();
    await engine.dispose();
    return lines.find((m) => m?.code === 'state.connecting');
  });
  provokes('state.connected', async () => (await connectedClient()).client.message);
  provokes('state.peer-finished', async () => {
    const { client, device } = await connectedClient();
    (await device.next(0)).socket.end();
    return eventually(() => {
      const m = h.info(client.id).message;
      return m?.code === 'state.peer-finished' && m;
    }, 'half-closed');
  });
  provokes('state.closed-by-you', async () => {
    const { client } = await connectedClient();
    return (await must(h.api.closeEndpoint({ endpointId: client.id }))).message;
  });
  provokes('state.stopped-listening', async () => {
    const s = await server();
    return (await must(h.api.closeEndpoint({ endpointId: s.id }))).message;
  });
  provokes('state.stopped-listening-peers', async () => {
    const s = await server();
    const peer = await connectPeer(s.local!.port);
    closers.push(() => peer.socket.destroy());
    await eventually(() => h.info(s.id).peers.length === 1, 'the peer accepted');
    const closed = await must(h.api.closeEndpoint({ endpointId: s.id, closePeers: false }));
    return closed.message;
  });
});

describe('connections, clients and peers', () => {
  provokes('endpoint.not-found', () => refusedWith(h.api.closeEndpoint({ endpointId: 'e9999' })));
  provokes('endpoint.listener-no-reconnect', async () => {
    const s = await server();
    return refusedWith(h.api.reconnectEndpoint({ endpointId: s.id }));
  });
  provokes('endpoint.failed-unexpectedly', async () => {
    // The data folder is a file: keeping a generated certificate there fails (ENOTDIR).
    const dataDir = path.join(h.dataDir, 'not-a-folder');
    writeFileSync(dataDir, '');
    const e = engineHarness({ dataDir });
    try {
      await e.open({ kind: 'tls-server', host: '127.0.0.1', port: 0 });
      return null;
    } catch (err) {
      return (err as { ref?: MessageRef }).ref;
    } finally {
      await e.dispose();
    }
  });
  provokes('endpoint.already-open', async () => {
    const { client } = await connectedClient();
    return refusedWith(h.api.reopenEndpoint({ endpointId: client.id }));
  });
  provokes('socket.dial-aborted', async () => {
    // Our SYN gets no answer, so the dial waits; Close ends it before it connects.
    const { peer: jam, port } = await fullBacklogListener();
    closers.push(() => jam.kill());
    const e = engineHarness();
    const opening = e.open({ kind: 'tcp-client', host: '127.0.0.1', port, timeoutMs: 20_000 });
    const said = opening.then(
      () => null,
      (err: { ref?: MessageRef }) => err.ref,
    );
    const id = await eventually(() => e.engine.list()[0]?.id, 'the dial under way');
    await e.engine.close(id);
    const ref = await said;
    await e.dispose();
    return ref;
  });
  provokes('client.not-connected', async () => {
    const { client } = await connectedClient();
    await must(h.api.closeEndpoint({ endpointId: client.id }));
    return sendRefusal(h.api, client.id);
  });
  provokes('client.not-this-peer', async () =>
    sendRefusal(h.api, (await connectedClient()).client.id, 'p9999'),
  );
  provokes('peer.finished', async () => {
    const s = await server();
    const peer = await connectPeer(s.local!.port);
    closers.push(() => peer.socket.destroy());
    peer.socket.end();
    return told('peer.finished');
  });
  provokes('peer.none', async () => sendRefusal(h.api, (await server()).id));
  provokes('peer.not-connected', async () => sendRefusal(h.api, (await server()).id, 'p9999'));
  provokes('peer.choose', async () => {
    const s = await server();
    const peers = [await connectPeer(s.local!.port), await connectPeer(s.local!.port)];
    closers.push(() => peers.forEach((p) => p.socket.destroy()));
    await eventually(() => h.info(s.id).peers.length === 2, 'two peers');
    return sendRefusal(h.api, s.id);
  });
});

describe('sends', () => {
  /** 64,000,000 random bytes: more than loopback's buffers hold for a peer that never reads. */
  const big = { mode: 'hex', source: '{{random:64000}}'.repeat(1000) } as const;

  async function stalledSend(sendId: string) {
    const sink = await startTcpSink({ paused: true });
    closers.push(() => sink.close());
    const client = await open({ kind: 'tcp-client', host: '127.0.0.1', port: sink.port });
    const sending = h.api.sendPayload({ endpointId: client.id, spec: big, sendId });
    await eventually(
      () => h.events.some((e) => e.type === 'send-progress' && e.sendId === sendId && e.sent > 0),
      'the send to stall part way',
    );
    return { client, sending };
  }

  provokes('send.already-running', async () => {
    const { client, sending } = await stalledSend('dup1');
    const refused = await refusedWith(
      h.api.sendPayload({ endpointId: client.id, spec: big, sendId: 'dup1' }),
    );
    await must(h.api.cancelSend({ sendId: 'dup1' }));
    await sending;
    return refused;
  });
  provokes('send.cancelled', async () => {
    const { sending } = await stalledSend('cancel1');
    await must(h.api.cancelSend({ sendId: 'cancel1' }));
    return (await must(sending)).cancelled;
  });
  provokes('send.connection-closed', async () => {
    const { client, sending } = await stalledSend('closed1');
    await must(h.api.closeEndpoint({ endpointId: client.id }));
    return refusedWith(sending);
  });
});
