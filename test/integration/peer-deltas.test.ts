import dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import type { PeerInfo } from '../../src/shared/contract';
import { connectPeer, useBridgeAndPeers, type NodePeer } from '../helpers/node-peers';
import { eventually } from '../helpers/peers';
import { must } from '../helpers/result';
import { openStoreWindow, type StoreWindow } from '../helpers/store-window';

/**
 * Peers travel to the windows as changes (the `peers` event). Real sockets
 * on loopback, the real router and engine, and each window's store updated
 * by the renderer's own code (apply-events.ts) from the bytes the transports
 * carry: what a window shows must be the engine's list, for a window that
 * was there all along and for one that came late, and what travels must be
 * in proportion to what changed.
 */
const fixture = useBridgeAndPeers();
const { sockets } = fixture;

async function enginePeers(endpointId: string): Promise<PeerInfo[]> {
  return (await must(fixture.bridge.api.listPeers({ endpointId }))).peers;
}

/** The window shows exactly the engine's peers (ids, order, counters and state). */
async function showsEnginePeers(window: StoreWindow, endpointId: string): Promise<boolean> {
  const shown = window.state().peers[endpointId]?.rows.list() ?? [];
  return JSON.stringify(shown) === JSON.stringify(await enginePeers(endpointId));
}

async function tcpServer(): Promise<{ id: string; port: number }> {
  const info = await must(
    fixture.bridge.api.openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }),
  );
  return { id: info.id, port: info.local!.port };
}

async function connectMany(port: number, n: number): Promise<NodePeer[]> {
  const made: NodePeer[] = [];
  for (let i = 0; i < n; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, n - i) }, () => connectPeer(port)),
    );
    made.push(...batch);
  }
  sockets.push(...made);
  return made;
}

describe('peers as changes', () => {
  it('a window that joins late gets the whole list; departures and changes reach both windows', async () => {
    const early = openStoreWindow(fixture.bridge.backend.router);
    const server = await tcpServer();
    const peers = await connectMany(server.port, 300);
    await eventually(async () => (await enginePeers(server.id)).length === 300, '300 peers');
    peers[7]!.socket.write('hello');
    await eventually(() => showsEnginePeers(early, server.id), 'the early window to show 300');

    const late = openStoreWindow(fixture.bridge.backend.router);
    await eventually(() => showsEnginePeers(late, server.id), 'the late window to show 300');
    expect(late.state().endpoints[server.id]?.peerCount).toBe(300);

    // A reset: after a FIN alone the listener keeps the peer, half-open.
    for (const p of peers.slice(0, 100)) p.socket.resetAndDestroy();
    peers[150]!.socket.end('bye');
    await eventually(async () => (await enginePeers(server.id)).length === 200, '200 peers');
    await eventually(
      async () => (await enginePeers(server.id)).some((p) => p.state === 'half-closed'),
      'the FIN',
    );
    for (const w of [early, late]) {
      await eventually(() => showsEnginePeers(w, server.id), 'both windows to show 200');
      const shown = w.state().peers[server.id]!.rows.list();
      expect(shown.filter((p) => p.state === 'half-closed')).toHaveLength(1);
    }
    early.close();
    late.close();
  });

  it('from a server with 2,000 peers, one peer talking costs a few hundred bytes a batch, not the list', async () => {
    const server = await tcpServer();
    const peers = await connectMany(server.port, 2000);
    await eventually(async () => (await enginePeers(server.id)).length === 2000, '2,000 peers');
    const window = openStoreWindow(fixture.bridge.backend.router);
    await eventually(() => showsEnginePeers(window, server.id), 'the window to have the list');
    const listBytes = window.bytes.reduce((a, b) => a + b, 0);
    expect(listBytes).toBeGreaterThan(2000 * 100);

    const before = window.bytes.length;
    const talker = peers[1234]!;
    for (let i = 0; i < 20; i++) {
      talker.socket.write('x');
      await eventually(
        () => window.state().endpoints[server.id]?.counters.rxBytes === i + 1,
        `byte ${i + 1} in the window`,
      );
    }
    await eventually(() => showsEnginePeers(window, server.id), 'the window to agree');
    const talking = window.bytes.slice(before);
    expect(talking.length).toBeGreaterThanOrEqual(20);
    // Each batch: the endpoint, the one peer, the chunk: well under 2 KB, against ~250 KB of list.
    expect(Math.max(...talking)).toBeLessThan(2000);
    window.close();
  });

  it('UDP: remotes from many ports appear, and one forgotten leaves every window', async () => {
    const window = openStoreWindow(fixture.bridge.backend.router);
    const info = await must(
      fixture.bridge.api.openEndpoint({ spec: { kind: 'udp', host: '127.0.0.1', port: 0 } }),
    );
    const senders = await Promise.all(
      Array.from(
        { length: 40 },
        () =>
          new Promise<dgram.Socket>((resolve) => {
            const s = dgram.createSocket('udp4');
            s.bind(0, '127.0.0.1', () => resolve(s));
          }),
      ),
    );
    try {
      for (const [i, s] of senders.entries()) s.send(Buffer.from(`from ${i}`), info.local!.port);
      await eventually(async () => (await enginePeers(info.id)).length === 40, '40 remotes');
      await eventually(() => showsEnginePeers(window, info.id), 'the window to show 40');
      const [gone] = await enginePeers(info.id);
      await must(fixture.bridge.api.disconnectPeer({ endpointId: info.id, peerId: gone!.id }));
      await eventually(() => showsEnginePeers(window, info.id), 'the window to show 39');
      expect(window.state().peers[info.id]?.rows.get(gone!.id)).toBeUndefined();
    } finally {
      for (const s of senders) s.close();
      window.close();
    }
  });
});
