import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { EndpointInfo } from '../../src/shared/contract';
import { UdpEndpoint } from '../../src/main/engine/udp/udp-endpoint';
import { engineHarness, type EngineHarness } from '../helpers/engine-harness';
import { eventually, type PeerProcess } from '../helpers/peers';
import {
  batches,
  frame,
  parseFrames,
  pythonReceiver,
  pythonSender,
  socatReady,
  spawnSocat,
  unusedUdpPort,
  variedDatagrams,
} from '../helpers/udp-peers';
import { inEnglish, rejectedEnglish } from '../helpers/english';

/**
 * The UDP endpoint against peers nobody here wrote (socat, Python's socket
 * module), on 127.0.0.1 and ::1 only.
 */
const peers: PeerProcess[] = [];
let h: EngineHarness;

afterEach(async () => {
  peers.splice(0).forEach((p) => p.kill());
  await h?.dispose();
});
afterAll(() => peers.forEach((p) => p.kill()));

function track(p: PeerProcess): PeerProcess {
  peers.push(p);
  return p;
}

function udp(h: EngineHarness, id: string): UdpEndpoint {
  const e = h.engine.get(id);
  if (!(e instanceof UdpEndpoint)) throw new Error(`${id} is not UDP`);
  return e;
}

async function bindUdp(host: string, extra: Record<string, unknown> = {}): Promise<EndpointInfo> {
  h = engineHarness();
  return h.open({ kind: 'udp', host, port: 0, ...extra } as never);
}

describe.each([
  { family: 'IPv4', host: '127.0.0.1', sendto: 'UDP4-SENDTO:127.0.0.1', recv: 'UDP4-RECV' },
  { family: 'IPv6', host: '::1', sendto: 'UDP6-SENDTO:[::1]', recv: 'UDP6-RECV' },
])('UDP unicast on $host with socat', ({ host, sendto, recv }) => {
  it('binds port 0 and shows the port the system chose', async () => {
    const info = await bindUdp(host);
    expect(info.state).toBe('listening');
    expect(info.local?.address).toBe(host);
    expect(info.local?.port).toBeGreaterThan(0);
    expect(inEnglish(info.message)).toContain(`${info.local?.port}`);
    expect(info.udp?.family).toBe(host.includes(':') ? 'IPv6' : 'IPv4');
  });

  it('receives each socat datagram as its own row and replies to the last sender', async () => {
    const info = await bindUdp(host);
    const socat = track(spawnSocat(['-', `${sendto}:${info.local?.port}`]));
    await socatReady(socat);
    const first = Buffer.from('hello\r\n');
    const second = Buffer.from([0x00, 0xff, 0x7f, 0x80, 0x0a, 0x0d, 0x1b]);
    socat.write(first);
    await h.waitForRx(info.id, 1);
    socat.write(second);
    const rows = await h.waitForRx(info.id, 2);
    expect(rows.map((c) => [...c.data])).toEqual([[...first], [...second]]);

    const reply = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00]);
    const sent = await h.engine.send(info.id, undefined, reply);
    expect(sent).toEqual({ bytes: 5, peers: 1 });
    expect([...(await socat.waitForBytes(5))]).toEqual([...reply]);

    const after = h.engine.get(info.id).withPeers();
    expect(after.peers).toHaveLength(1);
    expect(after.peers[0]?.address).toBe(host);
    expect(after.peers[0]?.counters).toEqual({
      rxBytes: first.length + second.length,
      rxChunks: 2,
      txBytes: 5,
      txChunks: 1,
    });
    expect(after.udp?.lastSenderId).toBe(after.peers[0]?.id);
  });

  it('sends to a chosen host and port, arriving byte-exact at socat', async () => {
    const port = await unusedUdpPort(host);
    const socat = track(spawnSocat(['-u', `${recv}:${port},bind=${bracket(host)}`, '-']));
    await socatReady(socat);
    const info = await bindUdp(host);
    const payload = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await udp(h, info.id).sendTo(host, port, payload);
    expect([...(await socat.waitForBytes(256))]).toEqual([...payload]);
    const peer = h.engine.get(info.id).withPeers().peers[0];
    expect(peer).toMatchObject({ address: host, port });
    expect(peer?.counters).toMatchObject({ txBytes: 256, txChunks: 1 });
  });
});

describe('UDP datagram boundaries', () => {
  const datagrams = variedDatagrams(1000, 65_507);

  it('keeps 1,000 datagrams of varied sizes from Python as 1,000 exact rows', async () => {
    const info = await bindUdp('127.0.0.1');
    const py = track(pythonSender('127.0.0.1', info.local?.port ?? 0));
    let expected = 0;
    for (const batch of batches(datagrams)) {
      py.write(Buffer.concat(batch.map(frame)));
      expected += batch.length;
      await h.waitForRx(info.id, expected);
    }
    const rows = h.rx(info.id);
    expect(rows).toHaveLength(1000);
    expect(rows.map((r) => r.data.byteLength)).toEqual(datagrams.map((d) => d.length));
    rows.forEach((r, i) => expect(Buffer.compare(Buffer.from(r.data), datagrams[i]!)).toBe(0));
    expect(h.engine.get(info.id).withPeers().counters.rxChunks).toBe(1000);
  });

  it('sends 1,000 datagrams of varied sizes that Python receives one by one, exactly', async () => {
    const { peer: py, port } = await pythonReceiver('127.0.0.1');
    track(py);
    const info = await bindUdp('127.0.0.1');
    const endpoint = udp(h, info.id);
    let expectedBytes = 0;
    for (const batch of batches(datagrams)) {
      for (const d of batch) await endpoint.sendTo('127.0.0.1', port, d);
      expectedBytes += batch.reduce((sum, d) => sum + 4 + d.length, 0);
      await py.waitForBytes(expectedBytes);
    }
    const got = parseFrames(py.stdout());
    expect(got.map((g) => g.length)).toEqual(datagrams.map((d) => d.length));
    got.forEach((g, i) => expect(Buffer.compare(g, datagrams[i]!)).toBe(0));
    expect(h.tx(info.id)).toHaveLength(1000);
  });
});

describe('UDP limits and errors as sentences', () => {
  it('refuses an oversized IPv4 datagram before sending anything, and sends the largest one', async () => {
    const { peer: py, port } = await pythonReceiver('127.0.0.1');
    track(py);
    const info = await bindUdp('127.0.0.1');
    const endpoint = udp(h, info.id);
    expect(
      await rejectedEnglish(endpoint.sendTo('127.0.0.1', port, new Uint8Array(65_508))),
    ).toMatch(
      'A UDP datagram over IPv4 carries at most 65,507 bytes; this one has 65,508 bytes, so nothing was sent',
    );
    expect(h.tx(info.id)).toHaveLength(0);
    const largest = Buffer.alloc(65_507, 0xa5);
    await endpoint.sendTo('127.0.0.1', port, largest);
    const frames = parseFrames(await py.waitForBytes(4 + 65_507));
    // The first datagram Python saw is the largest one: the oversized one never left.
    expect(frames[0]?.length).toBe(65_507);
    expect(Buffer.compare(frames[0]!, largest)).toBe(0);
  });

  it('refuses an oversized IPv6 datagram (65,528 bytes) and sends 65,527', async () => {
    const { peer: py, port } = await pythonReceiver('::1');
    track(py);
    const info = await bindUdp('::1');
    const endpoint = udp(h, info.id);
    expect(await rejectedEnglish(endpoint.sendTo('::1', port, new Uint8Array(65_528)))).toMatch(
      'A UDP datagram over IPv6 carries at most 65,527 bytes; this one has 65,528 bytes, so nothing was sent',
    );
    await endpoint.sendTo('::1', port, new Uint8Array(65_527));
    expect(parseFrames(await py.waitForBytes(4 + 65_527))[0]?.length).toBe(65_527);
  });

  it('shows ICMP port unreachable on a connected socket as a sentence', async () => {
    const dead = await unusedUdpPort();
    const info = await bindUdp('127.0.0.1', { connect: { host: '127.0.0.1', port: dead } });
    expect(info.state).toBe('connected');
    expect(info.udp?.connected).toEqual({ address: '127.0.0.1', port: dead });
    await h.engine.send(info.id, undefined, Buffer.from('anyone?'));
    const sentence = `127.0.0.1:${dead} answered "port unreachable" (ICMP): nothing is listening there for UDP`;
    await eventually(() => h.notices(info.id).includes(sentence), 'the ICMP notice');
    expect(inEnglish(h.engine.get(info.id).withPeers().message)).toBe(sentence);
    // The socket stays usable after the ICMP answer.
    expect(h.engine.get(info.id).withPeers().state).toBe('connected');
  });

  it('a connected socket talks to socat and refuses another destination', async () => {
    const port = await unusedUdpPort();
    const socat = track(spawnSocat(['-', `UDP4-RECVFROM:${port},bind=127.0.0.1`]));
    await socatReady(socat);
    const info = await bindUdp('127.0.0.1', { connect: { host: '127.0.0.1', port } });
    await h.engine.send(info.id, undefined, Buffer.from('ping'));
    expect((await socat.waitForBytes(4)).toString()).toBe('ping');
    // UDP4-RECVFROM answers the sender with what arrives on its stdin.
    socat.write(Buffer.from('pong'));
    const rows = await h.waitForRx(info.id, 1);
    expect(Buffer.from(rows[0]!.data).toString()).toBe('pong');
    expect(
      await rejectedEnglish(udp(h, info.id).sendTo('127.0.0.1', port + 1, Buffer.from('x'))),
    ).toMatch(
      `This UDP socket is connected to 127.0.0.1:${port}, so it only sends there, not to 127.0.0.1:${port + 1}`,
    );
  });

  it('says a port is in use, with the address', async () => {
    const first = await bindUdp('127.0.0.1');
    const port = first.local?.port ?? 0;
    expect(await rejectedEnglish(h.open({ kind: 'udp', host: '127.0.0.1', port }))).toMatch(
      `Port ${port} on 127.0.0.1 is already in use`,
    );
  });

  it('says there is no one to reply to before anyone has sent', async () => {
    const info = await bindUdp('127.0.0.1');
    expect(await rejectedEnglish(h.engine.send(info.id, undefined, Buffer.from('x')))).toMatch(
      'Nobody has sent a datagram to this socket yet',
    );
  });

  it('says an IPv4 socket cannot send to an IPv6 address', async () => {
    const info = await bindUdp('127.0.0.1');
    expect(await rejectedEnglish(udp(h, info.id).sendTo('::1', 9, Buffer.from('x')))).toMatch(
      'This socket is bound to IPv4 (127.0.0.1), so it cannot send to the IPv6 address ::1: bind to :: instead',
    );
  });

  it('a dual-stack socket on :: reaches an IPv4 peer through a mapped address', async () => {
    const { peer: py, port } = await pythonReceiver('127.0.0.1');
    track(py);
    const info = await bindUdp('::');
    await udp(h, info.id).sendTo('127.0.0.1', port, Buffer.from('v4 from v6'));
    expect(parseFrames(await py.waitForBytes(14))[0]?.toString()).toBe('v4 from v6');
  });

  it('closes, reports it, and binds again on reconnect', async () => {
    const info = await bindUdp('127.0.0.1');
    const closed = await h.engine.close(info.id);
    expect(closed.state).toBe('closed');
    expect(await rejectedEnglish(h.engine.send(info.id, 'all', Buffer.from('x')))).toMatch(
      /is closed/,
    );
    const again = await h.engine.reconnect(info.id);
    expect(again.state).toBe('listening');
    expect(again.local?.port).toBeGreaterThan(0);
  });
});

function bracket(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
