import type dgram from 'node:dgram';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/backend-harness';
import { must, refusal } from '../helpers/result';
import { disturb, tlsRelaySpec } from '../helpers/relay-calls';
import { eventually, freePort, isUdpBound, ncatListener, spawnPeer } from '../helpers/peers';
import { udpDevice, udpRelay, udpRelayRig } from '../helpers/relay-peers';
import { randomBytes } from '../helpers/random-bytes';
import { sha256 } from '../helpers/sha256';
import { inEnglish } from '../helpers/english';

/**
 * The relay's other listening modes: TLS terminated at the relay (a Node
 * TLS device, ncat as the plain server), and UDP (datagrams kept whole,
 * dropped by percentage, split into several) against Node and socat.
 */
let h: Harness;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await h?.close();
});

describe('relay terminating TLS', () => {
  it('shows the device its certificate and passes every byte to a plain ncat server and back', async () => {
    h = startHarness();
    const { peer: ncat, port } = await ncatListener();
    cleanups.push(() => ncat.kill());
    const relay = await must(
      h.api.openEndpoint({
        spec: tlsRelaySpec(port, {
          certificate: { source: 'self-signed', names: ['relay.test', '127.0.0.1'] },
        }),
      }),
    );
    expect(inEnglish(relay.message)).toContain('Relaying TLS (terminated here)');
    const own = relay.tls?.ownCertificate;
    expect(own?.altNames).toEqual(['relay.test', '127.0.0.1']);

    const device = tls.connect({
      host: '127.0.0.1',
      port: relay.local?.port ?? 0,
      servername: 'relay.test',
      rejectUnauthorized: false,
    });
    cleanups.push(() => device.destroy());
    const got: Buffer[] = [];
    let error: string | null = null;
    device.on('data', (d: Buffer) => got.push(d));
    device.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    await new Promise<void>((resolve) => device.once('secureConnect', () => resolve()));
    expect(device.getPeerX509Certificate()?.fingerprint256).toBe(own?.fingerprint256);

    const up = randomBytes(300_000, 1);
    up.set(Array.from({ length: 256 }, (_, i) => i));
    device.write(up);
    const atServer = await ncat.waitForBytes(up.length, 20_000);
    expect(sha256(atServer)).toBe(sha256(up));
    const down = randomBytes(200_000, 2);
    ncat.write(down);
    await eventually(() => Buffer.concat(got).length >= down.length, 'bytes at the device');
    expect(sha256(Buffer.concat(got))).toBe(sha256(down));

    // A reset toward a TLS device resets its TCP connection underneath.
    const peerId = h.info(relay.id).peers[0]?.id ?? '';
    await must(
      h.api.relayAction({
        endpointId: relay.id,
        peerId,
        direction: 'server-to-device',
        action: 'reset',
      }),
    );
    await eventually(() => error, 'the device to see the reset');
    expect(error).toBe('ECONNRESET');
  });
});

describe('relay over UDP', () => {
  it('keeps every datagram whole, both ways, one conversation per device address', async () => {
    h = startHarness();
    const { server, relay, device, toRelay } = await udpRelayRig(h, cleanups);
    const sizes = Array.from({ length: 60 }, (_, i) => 1 + ((i * 97) % 1400));
    const sent = sizes.map((n, i) => Buffer.alloc(n, i));
    for (const d of sent) toRelay(d);
    await eventually(() => server.got.length === sent.length, 'all datagrams at the server');
    expect(server.got.map((g) => g.data.length)).toEqual(sizes);
    expect(server.got.every((g, i) => g.data.equals(sent[i] as Buffer))).toBe(true);

    const from = server.got[0]?.from as dgram.RemoteInfo;
    for (const n of [1, 500, 1200])
      server.socket.send(Buffer.alloc(n, 0xab), from.port, from.address);
    await eventually(() => device.got.length === 3, 'the replies at the device');
    expect(device.got.map((d) => d.length)).toEqual([1, 500, 1200]);
    const info = h.info(relay.id);
    expect(info.peers).toHaveLength(1);
    expect(info.peers[0]?.counters.rxChunks).toBe(60);
    expect(info.peers[0]?.counters.txChunks).toBe(3);
  });

  it('drops 100% of datagrams (none arrive, all counted), then 0% (all arrive)', async () => {
    h = startHarness();
    const { server, relay, toRelay } = await udpRelayRig(h, cleanups);
    await disturb(h.api, relay.id, { dropPercent: 100 });
    for (let i = 0; i < 20; i++) toRelay(Buffer.from(`lost ${i}`));
    await eventually(() => h.info(relay.id).relay?.dropped['device-to-server'] === 20, '20 drops');
    expect(h.info(relay.id).counters.rxChunks).toBe(20);
    await disturb(h.api, relay.id, { dropPercent: 0 });
    for (let i = 0; i < 20; i++) toRelay(Buffer.from(`kept ${i}`));
    await eventually(() => server.got.length === 20, '20 datagrams at the server');
    expect(server.got.map((g) => g.data.toString())).toEqual(
      Array.from({ length: 20 }, (_, i) => `kept ${i}`),
    );
  });

  it('splits a datagram into N datagrams, and refuses a stall', async () => {
    h = startHarness();
    const { server, relay, toRelay } = await udpRelayRig(h, cleanups);
    await disturb(h.api, relay.id, { split: 'pieces', pieces: 3, pieceGapMs: 0 });
    toRelay(Buffer.from('aaabbbccc'));
    await eventually(() => server.got.length === 3, 'three datagrams');
    expect(server.got.map((g) => g.data.toString())).toEqual(['aaa', 'bbb', 'ccc']);
    expect(
      await refusal(h, 'setRelayDisturbance', {
        endpointId: relay.id,
        direction: 'device-to-server',
        disturbance: { stall: true },
      }),
    ).toBe('A UDP relay drops datagrams instead of stalling');
  });

  it('splits a datagram into single-byte datagrams, each byte in order', async () => {
    h = startHarness();
    const { server, relay, toRelay } = await udpRelayRig(h, cleanups);
    await disturb(h.api, relay.id, { split: 'bytes', pieceGapMs: 0 });
    const datagram = Buffer.from(Array.from({ length: 150 }, (_, i) => (i * 37) & 0xff));
    toRelay(datagram);
    await eventually(() => server.got.length === 150, '150 one-byte datagrams');
    expect(server.got.every((g) => g.data.length === 1)).toBe(true);
    expect(Buffer.concat(server.got.map((g) => g.data)).equals(datagram)).toBe(true);
  });

  it('relays to socat and back', async () => {
    h = startHarness();
    const port = await freePort();
    const socat = spawnPeer('socat', ['-', `UDP4-LISTEN:${port},bind=127.0.0.1`]);
    cleanups.push(() => socat.kill());
    await eventually(() => isUdpBound(port), 'socat to bind its UDP port');
    const relay = await udpRelay(h, port);
    const device = await udpDevice(cleanups);
    device.socket.send(Buffer.from([0x00, 0xff, 0x10, 0x0a]), relay.local?.port ?? 0, '127.0.0.1');
    const atSocat = await socat.waitForBytes(4);
    expect([...atSocat]).toEqual([0x00, 0xff, 0x10, 0x0a]);
    socat.write(Buffer.from('back\n'));
    await eventually(() => device.got.length === 1, 'the reply at the device');
    expect(device.got[0]?.toString()).toBe('back\n');
  });
});
