import net from 'node:net';
import { afterEach, beforeEach } from 'vitest';
import type { WirebenchApi } from '../../src/shared/contract/api';
import type { Chunk } from '../../src/shared/contract/chunk';
import { createInMemoryApi, type InMemoryApi } from './in-memory-api';
import { must } from './result';
import { eventually } from './peers';

/** A plain Node socket as a peer, with everything it received kept. */
export interface NodePeer {
  socket: net.Socket;
  received(): Buffer;
  ended: Promise<void>;
  closed: Promise<boolean>;
  waitFor(n: number): Promise<Buffer>;
}

export function wrapPeer(socket: net.Socket): NodePeer {
  const parts: Buffer[] = [];
  let size = 0;
  socket.on('data', (d: Buffer) => {
    parts.push(d);
    size += d.length;
  });
  socket.on('error', () => undefined);
  return {
    socket,
    received: () => Buffer.concat(parts),
    ended: new Promise((resolve) => socket.once('end', () => resolve())),
    closed: new Promise((resolve) => socket.once('close', (hadError) => resolve(hadError))),
    waitFor: async (n) => {
      await eventually(() => size >= n, `${n} bytes at the peer (has ${size})`);
      return Buffer.concat(parts);
    },
  };
}

export async function connectPeer(port: number, host = '127.0.0.1'): Promise<NodePeer> {
  const socket = net.connect({ port, host, allowHalfOpen: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  return wrapPeer(socket);
}

/** A Node listener standing in for a device; resolves each accepted peer. */
export async function nodeListener(host = '127.0.0.1') {
  const accepted: NodePeer[] = [];
  const server = net.createServer({ allowHalfOpen: true }, (s) => accepted.push(wrapPeer(s)));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    server,
    port: (server.address() as net.AddressInfo).port,
    accepted,
    next: (index = 0): Promise<NodePeer> =>
      eventually(() => accepted[index], `connection #${index + 1}`),
    close: () =>
      new Promise<void>((resolve) => {
        for (const p of accepted) p.socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Every byte the capture log holds for an endpoint in one direction, in order. */
export async function loggedBytes(
  api: WirebenchApi,
  endpointId: string,
  dir: 'rx' | 'tx',
): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  let after = -1;
  for (;;) {
    const { chunks } = await must(api.readLog({ endpointId, afterSeq: after, limit: 100_000 }));
    if (chunks.length === 0) break;
    parts.push(...chunks.filter((c: Chunk) => c.dir === dir).map((c: Chunk) => c.data));
    after = chunks[chunks.length - 1]!.seq;
  }
  return Buffer.concat(parts);
}

/**
 * A fresh in-memory bridge for each test of the file, closed after it, and
 * the Node peers the test pushes on `sockets` destroyed first.
 */
export function useBridgeAndPeers(): { readonly bridge: InMemoryApi; sockets: NodePeer[] } {
  let current: InMemoryApi | undefined;
  const sockets: NodePeer[] = [];
  beforeEach(() => {
    current = createInMemoryApi();
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.socket.destroy();
    await current?.close();
    current = undefined;
  });
  return {
    get bridge() {
      if (!current) throw new Error('the bridge exists only while a test runs');
      return current;
    },
    sockets,
  };
}
