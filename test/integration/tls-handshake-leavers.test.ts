import net from 'node:net';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import type { EndpointSpecInput } from '../../src/shared/contract';
import { startHarness, type Harness } from '../helpers/backend-harness';
import { eventually } from '../helpers/peers';
import { must } from '../helpers/result';
import { tlsRelaySpec } from '../helpers/relay-calls';

/**
 * TLS listeners (the TLS server, the relay terminating TLS) and clients
 * that leave at the edge of the handshake: one that closes right after its
 * own Finished (a health probe) must be let go at once, not linger until
 * Node's 120 s handshake timeout holding Stop listening and quitting; and a
 * peer that half-closes after the handshake still hears the reply.
 */
let h: Harness;
afterEach(async () => {
  await h?.close();
});

const LISTENERS: Array<[string, (targetPort: number) => EndpointSpecInput]> = [
  ['TLS server', () => ({ kind: 'tls-server', host: '127.0.0.1', port: 0 })],
  ['relay terminating TLS', (targetPort) => tlsRelaySpec(targetPort)],
];

/** A plain TCP server for the relay to dial; closed after the test. */
async function plainTarget(): Promise<number> {
  const server = net.createServer((s) => s.on('error', () => undefined));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const previous = h.close;
  h.close = async () => {
    await previous();
    server.close();
  };
  return (server.address() as net.AddressInfo).port;
}

/** The listener's own sockets: accepted peers and handshakes alike. */
function openSockets(endpointId: string): Promise<number> {
  const server = (h.backend.engine.get(endpointId) as unknown as { server: net.Server | null })
    .server;
  if (!server) return Promise.resolve(0);
  return new Promise((resolve) => server.getConnections((_err, n) => resolve(n)));
}

describe.each(LISTENERS)('%s', (_name, specFor) => {
  it('lets go at once of a client that leaves right after its handshake', async () => {
    h = startHarness();
    const info = await must(h.api.openEndpoint({ spec: specFor(await plainTarget()) }));
    const port = info.local!.port;
    await new Promise<void>((resolve, reject) => {
      const probe = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false });
      probe.once('secureConnect', () => {
        probe.destroy();
        resolve();
      });
      probe.once('error', reject);
    });
    // Before the fix its socket stayed open, unknown, until the 120 s handshake timeout.
    await eventually(async () => (await openSockets(info.id)) === 0, 'the probe to be let go');
    await must(h.api.closeEndpoint({ endpointId: info.id, closePeers: true }));
  });

  it('says who left during the handshake', async () => {
    h = startHarness();
    const info = await must(h.api.openEndpoint({ spec: specFor(await plainTarget()) }));
    const leaver = net.connect(info.local!.port, '127.0.0.1');
    leaver.on('error', () => undefined);
    await new Promise<void>((resolve) => leaver.once('connect', () => resolve()));
    const where = `127.0.0.1:${leaver.localPort}`;
    leaver.end();
    // Before the fix the socket was gone by the time it was described: "?:0 closed …".
    await eventually(
      () => h.notices.find((n) => n.includes('during the TLS handshake')),
      'the notice',
    );
    expect(h.notices).toContain(
      `${where} closed the connection during the TLS handshake (does it speak TLS on this port?)`,
    );
  });

  it('Stop listening lets go of a client that connected and never said hello', async () => {
    h = startHarness();
    const info = await must(h.api.openEndpoint({ spec: specFor(await plainTarget()) }));
    // A plain TCP tool on the TLS port, or a device stuck before its ClientHello.
    const silent = net.connect(info.local!.port, '127.0.0.1');
    silent.on('error', () => undefined);
    let dropped = false;
    silent.once('close', () => (dropped = true));
    await new Promise<void>((resolve) => silent.once('connect', () => resolve()));
    await eventually(async () => (await openSockets(info.id)) === 1, 'the listener to have it');
    const closing = must(h.api.closeEndpoint({ endpointId: info.id, closePeers: true }));
    // Before the fix Stop listening (and quitting, which closes every endpoint so) waited
    // for this socket until Node's 120 s handshake timeout.
    await eventually(() => dropped, 'the silent client to be let go');
    await closing;
    // Nor is it told as a client that left: it was let go. (A leaver on a second
    // listener is told after it, in order, so once that is told this one would be.)
    const other = await must(h.api.openEndpoint({ spec: specFor(await plainTarget()) }));
    const leaver = net.connect(other.local!.port, '127.0.0.1');
    leaver.on('error', () => undefined);
    await new Promise<void>((resolve) => leaver.once('connect', () => resolve()));
    const sentinel = `127.0.0.1:${leaver.localPort} closed`;
    leaver.end();
    await eventually(() => h.notices.some((n) => n.startsWith(sentinel)), 'the leaver to be told');
    expect(h.notices.filter((n) => n.includes('during the TLS handshake'))).toHaveLength(1);
  });

  it('a handshake that ends after Stop listening makes no peer', async () => {
    h = startHarness();
    const info = await must(h.api.openEndpoint({ spec: specFor(await plainTarget()) }));
    const raw = net.connect(info.local!.port, '127.0.0.1');
    raw.on('error', () => undefined);
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
    await eventually(async () => (await openSockets(info.id)) === 1, 'the listener to have it');
    // Peers kept: close() waits for nobody, so the handshake may go on.
    await must(h.api.closeEndpoint({ endpointId: info.id, closePeers: false }));
    const late = tls.connect({ socket: raw, rejectUnauthorized: false });
    late.on('error', () => undefined);
    let closed = false;
    late.once('close', () => (closed = true));
    await eventually(() => closed, 'the late client to be let go');
    expect(h.info(info.id).peers).toEqual([]);
  });
});

describe('TLS server, a peer that half-closes after the handshake', () => {
  it('still receives what is sent after its FIN', async () => {
    h = startHarness();
    const info = await must(
      h.api.openEndpoint({ spec: { kind: 'tls-server', host: '127.0.0.1', port: 0 } }),
    );
    const client = tls.connect({
      host: '127.0.0.1',
      port: info.local!.port,
      rejectUnauthorized: false,
    });
    let received = '';
    client.on('data', (d: Buffer) => (received += d.toString()));
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    await new Promise<void>((resolve) => client.once('secureConnect', () => resolve()));
    client.end('question');
    await eventually(
      () => h.info(info.id).peers[0]?.state === 'half-closed',
      'the server to see the FIN',
    );
    const peerId = h.info(info.id).peers[0]!.id;
    await must(
      h.api.send({ endpointId: info.id, peerId, data: new TextEncoder().encode('answer') }),
    );
    await must(h.api.disconnectPeer({ endpointId: info.id, peerId }));
    await closed;
    expect(received).toBe('answer');
    expect(h.logged(info.id, 'rx').toString()).toBe('question');
  });
});
