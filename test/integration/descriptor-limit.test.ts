import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EndpointInfo } from '../../src/shared/contract';
import { eventually } from '../helpers/peers';
import { connectServe, type ServeClient } from '../helpers/serve-client';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { englishOf } from '../../src/shared/messages/plain-formats';
import { expectChinese } from '../helpers/chinese';
import { findMessage } from '../helpers/provoke';

/**
 * A listener in a process that runs out of file descriptors: the real
 * browser-mode server under `prlimit --nofile=64`, more clients than it can
 * hold from this process. Before, libuv accepted and closed each one and
 * nobody heard of it; now each is refused, counted and said.
 */
const NOFILE = 64;
const CLIENTS = 80;
let serve: ServeProcess | null = null;
let api: ServeClient | null = null;
const clients: net.Socket[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  api?.close();
  await serve?.stop();
});

function connect(port: number): Promise<{ socket: net.Socket; closed: () => boolean }> {
  const socket = net.connect(port, '127.0.0.1');
  let closed = false;
  socket.on('error', () => undefined);
  socket.on('close', () => (closed = true));
  clients.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ socket, closed: () => closed }));
    socket.once('error', reject);
  });
}

describe('a listener out of file descriptors', () => {
  it('refuses and counts new peers, says so with the limit, accepts again later, and the server still answers', async () => {
    serve = await startServe([], { nofile: NOFILE });
    api = await connectServe(serve);
    const opened = await api.call('openEndpoint', {
      spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 },
    });
    if (!opened.ok) throw new Error(englishOf(opened.error.message));
    const { id, local } = opened.value;
    const info = async (): Promise<EndpointInfo> => {
      const r = await api!.call('listEndpoints', {});
      if (!r.ok) throw new Error(englishOf(r.error.message));
      return r.value.find((e) => e.id === id)!;
    };

    // The kernel completes each handshake from its backlog; the server accepts (or not) after.
    const peers: Array<{ socket: net.Socket; closed: () => boolean }> = [];
    for (let i = 0; i < CLIENTS; i++) peers.push(await connect(local!.port));
    // Every client is either a peer or a counted refusal: none vanished silently.
    const settled = await eventually(
      async () => {
        const now = await info();
        return now.peerCount + (now.refused ?? 0) === CLIENTS && now;
      },
      'every client accepted or refused',
      20_000,
    );
    expect(settled.refused).toBeGreaterThan(0);
    expect(settled.peerCount).toBeGreaterThan(0);
    // The refused ones saw their connection closed.
    await eventually(
      () => peers.filter((p) => p.closed()).length === settled.refused,
      'the refused clients to see the close',
    );
    const notices = (): string[] =>
      api!.events.flatMap((e) =>
        e.type === 'notice' && e.endpointId === id ? [englishOf(e.message)] : [],
      );
    const short = notices().filter((n) => n.includes('file descriptors open'));
    expect(short).toHaveLength(1);
    expectChinese(findMessage(api.events, 'socket.descriptors-short'), 'socket.descriptors-short');
    expect(short[0]).toMatch(
      new RegExp(
        `^Wirebench has \\d+ of its ${NOFILE} file descriptors open \\(the soft limit, ulimit -n\\), so 127\\.0\\.0\\.1:${local!.port} refuses new connections; each one refused is counted\\. Close connections or raise the limit to accept more\\.$`,
      ),
    );

    // Descriptors come back when the peers go (reset: a FIN would leave them half-open,
    // which a listener keeps); the listener says so and accepts again.
    for (const c of clients.splice(0)) c.resetAndDestroy();
    await eventually(
      () => notices().some((n) => n.includes('accepts new connections again')),
      'the listener to accept again',
    );
    expect(notices().at(-1)).toBe(
      `127.0.0.1:${local!.port} accepts new connections again (${settled.refused} refused so far while file descriptors were short)`,
    );
    expectChinese(findMessage(api.events, 'socket.descriptors-back'), 'socket.descriptors-back');
    const late = await connect(local!.port);
    await eventually(async () => (await info()).peerCount === 1, 'the late client accepted');
    const sent = await api.call('send', { endpointId: id, data: new Uint8Array([1, 2, 3]) });
    expect(sent).toEqual({ ok: true, value: { bytes: 3, peers: 1 } });
    const got = await new Promise<Buffer>((resolve) => late.socket.once('data', resolve));
    expect([...got]).toEqual([1, 2, 3]);
    expect(serve.child.exitCode).toBeNull();
  });
});
