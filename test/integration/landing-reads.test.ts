import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/shared/contract';
import {
  acceptedSocketsUseLanding,
  landingClientSocket,
  readBytes,
} from '../../src/main/engine/tcp/landing-reads';
import { createInMemoryApi, type InMemoryApi } from '../helpers/in-memory-api';
import { must } from '../helpers/result';
import { nodeListener } from '../helpers/node-peers';
import { eventually } from '../helpers/peers';
import { randomBytes, xorshift32 } from '../helpers/random-bytes';
import { sha256 } from '../helpers/sha256';

/**
 * Plain TCP reads land in one shared buffer (landing-reads.ts). What must
 * hold: that path is the one taken on this Node, by accepted and client
 * sockets alike; many sockets reading at once never see each other's
 * bytes; and what the log keeps and the window receives is exact.
 */
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Writes `data` in pieces of random size (1 byte to 40 KiB), respecting backpressure. */
async function writeInPieces(socket: net.Socket, data: Uint8Array, seed: number): Promise<void> {
  const random = xorshift32(seed);
  for (let at = 0; at < data.length;) {
    const n = 1 + Math.floor(random() * 40_000);
    if (!socket.write(data.subarray(at, at + n))) {
      await new Promise((resolve) => socket.once('drain', resolve));
    }
    at += n;
  }
}

describe('landing reads', () => {
  it('accepted and client sockets read into the one landing buffer, not a Buffer per read', async () => {
    expect(acceptedSocketsUseLanding()).toBe(true);
    const views: Uint8Array[] = [];
    const got: number[] = [];
    const server = net.createServer({ pauseOnConnect: true }, (socket) => {
      readBytes(socket, (data) => {
        views.push(data);
        got.push(...data);
      });
      // No 'data' listener: the bytes came through the landing path.
      expect(socket.listenerCount('data')).toBe(0);
      socket.write(Uint8Array.of(7, 8, 9));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));

    const client = landingClientSocket({ allowHalfOpen: true });
    const clientGot: number[] = [];
    client.once('connect', () =>
      readBytes(client, (data) => {
        views.push(data);
        clientGot.push(...data);
      }),
    );
    client.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    cleanups.push(() => client.destroy());
    await new Promise((resolve) => client.once('connect', resolve));
    client.write(Uint8Array.of(1, 2, 3, 4));

    await eventually(() => got.length === 4 && clientGot.length === 3, 'bytes both ways');
    expect(got).toEqual([1, 2, 3, 4]);
    expect(clientGot).toEqual([7, 8, 9]);
    // Every read, on either socket, landed in the same 64 KiB buffer.
    expect(new Set(views.map((v) => v.buffer)).size).toBe(1);
    expect(views[0]!.buffer.byteLength).toBe(64 * 1024);
  });

  it('a socket already reading keeps Node’s own path', async () => {
    const device = await nodeListener();
    cleanups.push(device.close);
    const socket = net.connect({ port: device.port, host: '127.0.0.1' });
    cleanups.push(() => socket.destroy());
    await new Promise((resolve) => socket.once('connect', resolve));
    const got: Uint8Array[] = [];
    readBytes(socket, (data) => got.push(data));
    expect(socket.listenerCount('data')).toBe(1);
    (await device.next()).socket.write('hello');
    await eventually(() => got.length > 0, 'bytes through data');
    expect(Buffer.concat(got).toString()).toBe('hello');
    expect(Buffer.isBuffer(got[0])).toBe(true);
  });
});

describe('landing reads fall back', () => {
  it('a paused socket that cannot take the landing buffer reads through data, resumed', async () => {
    // A subclass stands for any socket this path was not written for (TLS is one).
    class Wrapped extends net.Socket {}
    const got: Uint8Array[] = [];
    let listeners = -1;
    const server = net.createServer({ pauseOnConnect: true }, (accepted) => {
      Object.setPrototypeOf(accepted, Wrapped.prototype);
      readBytes(accepted, (data) => got.push(data));
      listeners = accepted.listenerCount('data');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const peer = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    cleanups.push(() => peer.destroy());
    peer.write('still arrives');
    await eventually(() => Buffer.concat(got).toString() === 'still arrives', 'bytes via data');
    expect(listeners).toBe(1);
    expect(Buffer.isBuffer(got[0])).toBe(true);
  });
});

describe('many connections reading at once through the engine', () => {
  let bridge: InMemoryApi;
  afterEach(async () => bridge?.close());

  it('12 peers and a client, interleaved: the log and the window get each one’s bytes exactly', async () => {
    bridge = createInMemoryApi();
    const server = await must(
      bridge.api.openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }),
    );
    const device = await nodeListener();
    cleanups.push(device.close);
    const client = await must(
      bridge.api.openEndpoint({
        spec: { kind: 'tcp-client', host: '127.0.0.1', port: device.port },
      }),
    );
    const SIZE = 512 * 1024;
    const sent = new Map<string, Uint8Array>();
    const peers = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const socket = net.connect({ port: server.local!.port, host: '127.0.0.1' });
        cleanups.push(() => socket.destroy());
        await new Promise((resolve) => socket.once('connect', resolve));
        // Each peer's stream starts with its name, so its conversation can be found.
        const name = `peer-${String(i).padStart(2, '0')}:`;
        const data = new Uint8Array([...Buffer.from(name), ...randomBytes(SIZE, 1000 + i)]);
        sent.set(name, data);
        return { socket, data, seed: 77 + i };
      }),
    );
    const towardClient = randomBytes(SIZE, 4242);
    const deviceSide = await device.next();
    // All of them write at once, in pieces of random sizes.
    await Promise.all([
      ...peers.map((p) => writeInPieces(p.socket, p.data, p.seed)),
      writeInPieces(deviceSide.socket, towardClient, 99),
    ]);
    const total = 12 * (SIZE + 8);
    await eventually(async () => {
      const all = await must(bridge.api.listEndpoints({}));
      const s = all.find((e) => e.id === server.id)!;
      const c = all.find((e) => e.id === client.id)!;
      return s.counters.rxBytes === total && c.counters.rxBytes === SIZE;
    }, 'every byte counted');

    // The log: each peer's conversation, by peer, is exactly what it sent.
    const byPeer = (chunks: Chunk[]): Map<string, Buffer> => {
      const parts = new Map<string, Uint8Array[]>();
      for (const c of chunks) {
        if (c.dir !== 'rx') continue;
        parts.set(c.peerId, [...(parts.get(c.peerId) ?? []), c.data]);
      }
      return new Map([...parts].map(([id, p]) => [id, Buffer.concat(p)]));
    };
    const logged = await must(
      bridge.api.readLog({ endpointId: server.id, afterSeq: -1, limit: 100_000 }),
    );
    const loggedPeers = byPeer(logged.chunks);
    expect(loggedPeers.size).toBe(12);
    for (const bytes of loggedPeers.values()) {
      const name = bytes.subarray(0, 8).toString();
      expect(sha256(bytes)).toBe(sha256(sent.get(name)!));
    }
    const clientLog = await must(
      bridge.api.readLog({ endpointId: client.id, afterSeq: -1, limit: 100_000 }),
    );
    expect(sha256(Buffer.concat(clientLog.chunks.map((c) => c.data)))).toBe(sha256(towardClient));

    // The window: every chunk it was sent (encoded when delivered) is exact too.
    await eventually(() => {
      const delivered = bridge.events.flatMap((e) => (e.type === 'chunks' ? e.chunks : []));
      return delivered.filter((c) => c.endpointId === server.id).length === logged.chunks.length;
    }, 'every chunk delivered to the window');
    const skipped = bridge.events.filter((e) => e.type === 'skipped');
    expect(skipped).toEqual([]);
    const delivered = bridge.events.flatMap((e) => (e.type === 'chunks' ? e.chunks : []));
    const windowPeers = byPeer(delivered.filter((c) => c.endpointId === server.id));
    for (const bytes of windowPeers.values()) {
      expect(sha256(bytes)).toBe(sha256(sent.get(bytes.subarray(0, 8).toString())!));
    }
  });
});
