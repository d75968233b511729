import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EndpointInfo, EndpointWithPeers } from '../../src/shared/contract';
import { createInMemoryApi, type InMemoryApi } from '../helpers/in-memory-api';
import { must } from '../helpers/result';
import { connectPeer, loggedBytes, nodeListener } from '../helpers/node-peers';
import { allByteValues, eventually, spawnPeer, type PeerProcess } from '../helpers/peers';
import { sha256 } from '../helpers/sha256';
import { englishOf } from '../../src/shared/messages/plain-formats';
import { inEnglish } from '../helpers/english';

/** The TCP engine through the router, on real loopback sockets. */
let bridge: InMemoryApi;
const processes: PeerProcess[] = [];
beforeEach(() => {
  bridge = createInMemoryApi();
});
afterEach(async () => {
  processes.splice(0).forEach((p) => p.kill());
  await bridge.close();
});

async function listen(host: string, extra: Record<string, unknown> = {}): Promise<EndpointInfo> {
  return must(bridge.api.openEndpoint({ spec: { kind: 'tcp-server', host, port: 0, ...extra } }));
}

/** The endpoint as listed, with its peers as `listPeers` gives them. */
async function info(id: string): Promise<EndpointWithPeers> {
  const all = await must(bridge.api.listEndpoints({}));
  const { peers } = await must(bridge.api.listPeers({ endpointId: id }));
  return { ...all.find((e) => e.id === id)!, peers };
}

describe('TCP server', () => {
  it('binds port 0 on IPv4 and shows the port the system chose', async () => {
    const server = await listen('127.0.0.1');
    expect(server.state).toBe('listening');
    expect(server.local).toMatchObject({ address: '127.0.0.1' });
    expect(server.local!.port).toBeGreaterThan(0);
    expect(inEnglish(server.message)).toBe(`Listening on 127.0.0.1:${server.local!.port}`);
  });

  it('binds IPv6 ::1 and the dual-stack :: (which also accepts IPv4)', async () => {
    const v6 = await listen('::1');
    expect(inEnglish(v6.message)).toBe(`Listening on [::1]:${v6.local!.port}`);
    const a = await connectPeer(v6.local!.port, '::1');
    a.socket.write('six');
    await eventually(async () => (await info(v6.id)).counters.rxBytes === 3, 'rx over ::1');
    expect((await info(v6.id)).peers[0]!.address).toBe('::1');

    const dual = await listen('::');
    const b = await connectPeer(dual.local!.port, '127.0.0.1');
    const c = await connectPeer(dual.local!.port, '::1');
    const peers = await eventually(async () => {
      const p = (await info(dual.id)).peers;
      return p.length === 2 && p;
    }, 'two peers on ::');
    expect(peers.map((p) => p.address).sort()).toEqual(['::1', '::ffff:127.0.0.1']);
    [a, b, c].forEach((p) => p.socket.destroy());
  });

  it('accepts many peers, sends to one or to all, disconnects one', async () => {
    const server = await listen('127.0.0.1');
    const port = server.local!.port;
    const peers = await Promise.all(Array.from({ length: 8 }, () => connectPeer(port)));
    const listed = await eventually(async () => {
      const p = (await info(server.id)).peers;
      return p.length === 8 && p;
    }, 'eight peers listed');
    for (const p of listed) {
      expect(p.address).toBe('127.0.0.1');
      expect(p.since).toBeGreaterThan(0);
      expect(p.state).toBe('connected');
    }
    // Each peer says who it is, so we can map listed peers to sockets.
    peers.forEach((p, i) => p.socket.write(`peer-${i}`));
    await eventually(async () => (await info(server.id)).counters.rxChunks >= 8, 'hellos');
    const byLocalPort = new Map(peers.map((p) => [p.socket.localPort!, p]));

    const target = listed[3]!;
    expect(
      await must(
        bridge.api.send({
          endpointId: server.id,
          peerId: target.id,
          data: Buffer.from('only you'),
        }),
      ),
    ).toEqual({ bytes: 8, peers: 1 });
    const chosen = byLocalPort.get(target.port)!;
    expect((await chosen.waitFor(8)).toString()).toBe('only you');

    const all = await must(
      bridge.api.send({ endpointId: server.id, peerId: 'all', data: Buffer.from([0, 255]) }),
    );
    expect(all).toEqual({ bytes: 16, peers: 8 });
    for (const p of peers) {
      const got = await p.waitFor(p === chosen ? 10 : 2);
      expect(got.subarray(-2)).toEqual(Buffer.from([0, 255]));
    }
    for (const p of peers) if (p !== chosen) expect(p.received()).toEqual(Buffer.from([0, 255]));

    const after = await info(server.id);
    const perPeer = after.peers.find((p) => p.id === target.id)!;
    expect(perPeer.counters).toMatchObject({ txBytes: 10, txChunks: 2, rxBytes: 6 });
    expect(after.counters.txBytes).toBe(8 + 16);

    expect(
      await must(bridge.api.disconnectPeer({ endpointId: server.id, peerId: target.id })),
    ).toEqual({ disconnected: true });
    await chosen.ended;
    await eventually(async () => (await info(server.id)).peers.length === 7, 'seven peers left');
    peers.forEach((p) => p.socket.destroy());
  });

  it('stops listening and closes its peers, or leaves them connected when asked', async () => {
    const keep = await listen('127.0.0.1');
    const kept = await connectPeer(keep.local!.port);
    await eventually(async () => (await info(keep.id)).peers.length === 1, 'peer');
    const stopped = await must(
      bridge.api.closeEndpoint({ endpointId: keep.id, closePeers: false }),
    );
    expect(stopped.state).toBe('closed');
    expect(inEnglish(stopped.message)).toBe('Stopped listening; 1 peer(s) still connected');
    await expect(connectPeer(keep.local!.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // The peer left connected still talks both ways.
    await must(bridge.api.send({ endpointId: keep.id, data: Buffer.from('still here') }));
    expect((await kept.waitFor(10)).toString()).toBe('still here');

    const drop = await listen('127.0.0.1');
    const dropped = await connectPeer(drop.local!.port);
    await eventually(async () => (await info(drop.id)).peers.length === 1, 'peer');
    const closed = await must(bridge.api.closeEndpoint({ endpointId: drop.id, closePeers: true }));
    expect(inEnglish(closed.message)).toBe('Stopped listening');
    await dropped.ended;
    kept.socket.destroy();
  });

  it('shows a half-close from a peer, and can still send to it', async () => {
    const server = await listen('127.0.0.1');
    const peer = await connectPeer(server.local!.port);
    peer.socket.end('bye');
    await eventually(
      async () => (await info(server.id)).peers[0]?.state === 'half-closed',
      'half-closed',
    );
    const notice = await eventually(
      () => bridge.events.find((e) => e.type === 'notice' && /FIN/.test(englishOf(e.message))),
      'FIN notice',
    );
    expect(inEnglish(notice)).toMatchObject({
      message: expect.stringMatching(/closed its sending side \(FIN\); you can still send/),
    });
    await must(bridge.api.send({ endpointId: server.id, data: Buffer.from('answer') }));
    expect((await peer.waitFor(6)).toString()).toBe('answer');
    peer.socket.destroy();
  });

  it('records 1 MiB of every byte value from socat exactly (digests compared)', async () => {
    const server = await listen('127.0.0.1');
    const payload = allByteValues(1024 * 1024);
    const socat = spawnPeer('socat', ['-u', '-', `TCP:127.0.0.1:${server.local!.port}`]);
    processes.push(socat);
    socat.child.stdin!.end(payload);
    await eventually(
      async () => (await info(server.id)).counters.rxBytes === payload.length,
      '1 MiB',
      20_000,
    );
    const logged = await loggedBytes(bridge.api, server.id, 'rx');
    expect(logged.length).toBe(payload.length);
    expect(sha256(logged)).toBe(sha256(payload));
    // Each chunk carries a microsecond timestamp, in order.
    const { chunks } = await must(
      bridge.api.readLog({ endpointId: server.id, afterSeq: -1, limit: 100_000 }),
    );
    for (let i = 1; i < chunks.length; i++)
      expect(chunks[i]!.time).toBeGreaterThanOrEqual(chunks[i - 1]!.time);
    expect(chunks[0]!.time).toBeGreaterThan(Date.now() * 1000 - 60_000_000);
  });
});

describe('TCP client', () => {
  it('connects, shows its state, sees the peer close, and reconnects on demand', async () => {
    const device = await nodeListener();
    const client = await must(
      bridge.api.openEndpoint({
        spec: { kind: 'tcp-client', host: '127.0.0.1', port: device.port },
      }),
    );
    expect(client.state).toBe('connected');
    expect(client.spec).toMatchObject({ noDelay: true, keepAlive: false, timeoutMs: 5000 });
    const first = await device.next(0);
    await must(bridge.api.send({ endpointId: client.id, data: Buffer.from([0, 1, 2, 0xff]) }));
    expect(await first.waitFor(4)).toEqual(Buffer.from([0, 1, 2, 0xff]));

    first.socket.write('hello');
    await eventually(async () => (await info(client.id)).counters.rxBytes === 5, 'rx');
    first.socket.end();
    const half = await eventually(async () => {
      const i = await info(client.id);
      return i.state === 'half-closed' && i;
    }, 'half-closed client');
    expect(inEnglish(half.message)).toMatch(/closed its sending side \(FIN\); you can still send/);
    await must(bridge.api.send({ endpointId: client.id, data: Buffer.from('late') }));
    expect((await first.waitFor(8)).subarray(4).toString()).toBe('late');
    const byUser = await must(bridge.api.closeEndpoint({ endpointId: client.id }));
    expect(inEnglish(byUser)).toMatchObject({ state: 'closed', message: 'Closed by you' });
    await first.ended;

    const again = await must(bridge.api.reconnectEndpoint({ endpointId: client.id }));
    expect(again.state).toBe('connected');
    const second = await device.next(1);
    await must(bridge.api.send({ endpointId: client.id, data: Buffer.from('x') }));
    expect((await second.waitFor(1)).toString()).toBe('x');
    const refused = await bridge.api.reconnectEndpoint({ endpointId: client.id });
    expect(inEnglish(refused)).toMatchObject({
      ok: false,
      error: { code: 'wrong-state', message: expect.stringMatching(/is already open/) },
    });

    // An RST from the device: the client says it was reset, with the address.
    second.socket.resetAndDestroy();
    const reset = await eventually(async () => {
      const i = await info(client.id);
      return i.state === 'closed' && i;
    }, 'reset by peer');
    expect(inEnglish(reset.message)).toBe(
      `Connection with 127.0.0.1:${device.port} was reset by the peer`,
    );
    await device.close();
  });

  it('connects over IPv6 from a chosen local address and port', async () => {
    const device = await nodeListener('::1');
    const client = await must(
      bridge.api.openEndpoint({
        spec: {
          kind: 'tcp-client',
          host: '::1',
          port: device.port,
          localAddress: '::1',
          keepAlive: true,
        },
      }),
    );
    expect(client.local?.address).toBe('::1');
    const peer = await device.next(0);
    expect(peer.socket.remotePort).toBe(client.local!.port);
    await device.close();
  });
});
