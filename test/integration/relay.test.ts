import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EndpointInfo } from '../../src/shared/contract';
import { startHarness, type Harness } from '../helpers/backend-harness';
import { must, refusal } from '../helpers/result';
import { disturb } from '../helpers/relay-calls';
import { eventually, freePort, ncatListener } from '../helpers/peers';
import { recordingClient, recordingServer, type RecordingPeer } from '../helpers/relay-peers';
import { randomBytes } from '../helpers/random-bytes';
import { sha256 } from '../helpers/sha256';
import { inEnglish } from '../helpers/english';

/**
 * The relay between a device (a Node client) and its server (ncat, or a
 * Node peer that counts its reads), with each disturbance observed from
 * the receiving peer's side.
 */
let h: Harness;
const cleanups: Array<() => unknown> = [];

afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await h?.close();
});

/** ~1 MiB holding every byte value, in an order that is not a simple ramp. */
function everyByte(size: number, seed: number): Buffer {
  const out = randomBytes(size, seed);
  for (let i = 0; i < 256; i++) out[i] = i;
  return out;
}

async function openRelay(targetPort: number): Promise<EndpointInfo> {
  return must(
    h.api.openEndpoint({
      spec: { kind: 'relay', host: '127.0.0.1', port: 0, targetHost: '127.0.0.1', targetPort },
    }),
  );
}

/** A device connected through the relay to a recording server. */
async function conversation(): Promise<{
  relay: EndpointInfo;
  device: RecordingPeer;
  server: RecordingPeer;
  peerId: string;
}> {
  h = startHarness();
  const target = await recordingServer();
  cleanups.push(() => target.close());
  const relay = await openRelay(target.port);
  const device = await recordingClient(relay.local?.port ?? 0);
  cleanups.push(() => device.socket?.destroy());
  await eventually(() => target.peer.socket, 'the relay to reach the server');
  const connected = () =>
    h.info(relay.id).peers.find((p) => p.relay?.upstreamState === 'connected');
  await eventually(connected, 'the conversation to be connected');
  const peerId = connected()?.id ?? 'missing';
  return { relay, device, server: target.peer, peerId };
}

type RelayAction = Parameters<Harness['api']['relayAction']>[0];

/** Acts on the conversation's one peer (half-close, reset), which must succeed. */
const act = (
  c: { relay: EndpointInfo; peerId: string },
  direction: RelayAction['direction'],
  action: RelayAction['action'],
) => must(h.api.relayAction({ endpointId: c.relay.id, peerId: c.peerId, direction, action }));

const write = (peer: RecordingPeer, data: string | Buffer): void => {
  peer.socket?.write(data);
};

describe('relay (TCP) between a Node device and ncat', () => {
  it('passes every byte exactly in both directions (1 MiB each way) and logs them as one conversation', async () => {
    h = startHarness();
    const { peer: ncat, port } = await ncatListener();
    cleanups.push(() => ncat.kill());
    const relay = await openRelay(port);
    expect(inEnglish(relay.message)).toBe(
      `Relaying TCP from 127.0.0.1:${relay.local?.port} to 127.0.0.1:${port}`,
    );

    const up = everyByte(1 << 20, 7);
    const down = everyByte(1 << 20, 99);
    const device = await recordingClient(relay.local?.port ?? 0);
    cleanups.push(() => device.socket?.destroy());
    device.socket?.write(up);
    ncat.write(down);
    const atServer = await ncat.waitForBytes(up.length, 20_000);
    await eventually(() => device.bytes().length >= down.length, 'all bytes at the device', 20_000);
    expect(sha256(atServer)).toBe(sha256(up));
    expect(sha256(device.bytes())).toBe(sha256(down));

    const info = h.info(relay.id);
    expect(info.peers).toHaveLength(1);
    expect(info.peers[0]?.relay?.upstreamState).toBe('connected');
    expect(info.peers[0]?.counters.rxBytes).toBe(up.length);
    expect(info.peers[0]?.counters.txBytes).toBe(down.length);
    expect(sha256(h.logged(relay.id, 'rx'))).toBe(sha256(up));
    expect(sha256(h.logged(relay.id, 'tx'))).toBe(sha256(down));
  });
});

describe('relay disturbances, observed by the receiving peer', () => {
  it('splits each write into N pieces that arrive as N reads, both ways', async () => {
    const { relay, device, server } = await conversation();
    for (const direction of ['device-to-server', 'server-to-device'] as const) {
      await disturb(h.api, relay.id, { split: 'pieces', pieces: 4, pieceGapMs: 40 }, direction);
    }
    write(device, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcd');
    await eventually(() => server.bytes().length === 40, 'the 40 bytes at the server');
    expect(server.reads.map((r) => r.toString())).toEqual([
      'ABCDEFGHIJ',
      'KLMNOPQRST',
      'UVWXYZ0123',
      '456789abcd',
    ]);
    write(server, '0123456789ab');
    await eventually(() => device.bytes().length === 12, 'the 12 bytes at the device');
    expect(device.reads.map((r) => r.toString())).toEqual(['012', '345', '678', '9ab']);
  });

  it('splits into single bytes', async () => {
    const { relay, device, server } = await conversation();
    await disturb(h.api, relay.id, { split: 'bytes', pieceGapMs: 25 });
    write(device, Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x41]));
    await eventually(() => server.bytes().length === 5, 'five bytes');
    expect(server.reads.map((r) => [...r])).toEqual([[0x00], [0xff], [0x0d], [0x0a], [0x41]]);
  });

  it('splits a large write (512 KiB) into single bytes with no gap: every byte arrives, in order', async () => {
    const { relay, device, server } = await conversation();
    await disturb(h.api, relay.id, { split: 'bytes', pieceGapMs: 0 });
    const big = everyByte(512 * 1024, 3);
    device.socket?.write(big);
    await eventually(() => server.bytes().length >= big.length, 'every byte at the server', 20_000);
    expect(sha256(server.bytes())).toBe(sha256(big));
    expect(sha256(h.logged(relay.id, 'rx'))).toBe(sha256(big));
  });

  it('a live change touches only what it names (the split survives a gap change)', async () => {
    const { relay, device, server } = await conversation();
    await disturb(h.api, relay.id, { split: 'bytes' });
    const after = await disturb(h.api, relay.id, { pieceGapMs: 30 });
    expect(after.disturbances['device-to-server']).toMatchObject({
      split: 'bytes',
      pieceGapMs: 30,
    });
    write(device, Buffer.from('xyz'));
    await eventually(() => server.bytes().length === 3, 'three bytes');
    expect(server.reads.map((r) => r.toString())).toEqual(['x', 'y', 'z']);
  });

  it('adds latency (at least the set value) and switches it off live', async () => {
    const { relay, device, server } = await conversation();
    await disturb(h.api, relay.id, { latencyMs: 400 });
    const sent = performance.now();
    write(device, 'slow');
    await eventually(() => server.bytes().toString() === 'slow', 'the delayed bytes');
    expect((server.readTimes[0] ?? 0) - sent).toBeGreaterThanOrEqual(395);
    const info = await disturb(h.api, relay.id, { latencyMs: 0 });
    expect(info.disturbances['device-to-server'].latencyMs).toBe(0);
    write(device, '+fast');
    await eventually(() => server.bytes().toString() === 'slow+fast', 'the undelayed bytes');
  });

  it('stalls a direction (bytes logged, none passed on) until the stall is lifted', async () => {
    const { relay, device, server } = await conversation();
    await disturb(h.api, relay.id, { stall: true });
    write(device, 'held');
    await eventually(() => h.logged(relay.id, 'rx').toString() === 'held', 'the log to have it');
    write(server, 'other way works');
    await eventually(() => device.bytes().toString() === 'other way works', 'the other way');
    expect(server.bytes().length).toBe(0);
    await disturb(h.api, relay.id, { stall: false });
    await eventually(() => server.bytes().toString() === 'held', 'the held bytes after the stall');
  });

  it('half-closes toward the server (it sees end) while the other way still flows', async () => {
    const c = await conversation();
    const { device, server } = c;
    await act(c, 'device-to-server', 'half-close');
    await eventually(() => server.ended, "the server's 'end'");
    write(server, 'still talking');
    await eventually(
      () => device.bytes().toString() === 'still talking',
      'server → device after FIN',
    );
    expect(device.ended).toBe(false);
  });

  it('resets toward the server (ECONNRESET there) and toward the device', async () => {
    const first = await conversation();
    await act(first, 'device-to-server', 'reset');
    await eventually(() => first.server.error, 'an error at the server');
    expect(first.server.error).toBe('ECONNRESET');
    await eventually(() => first.device.ended, 'the device to get an orderly FIN');
    await h.close();
    const second = await conversation();
    await act(second, 'server-to-device', 'reset');
    await eventually(() => second.device.error, 'an error at the device');
    expect(second.device.error).toBe('ECONNRESET');
  });

  it('injects bytes into either direction, logged with that direction', async () => {
    const { relay, device, server, peerId } = await conversation();
    const inject = (direction: 'device-to-server' | 'server-to-device', text: string) =>
      must(
        h.api.relayInject({
          endpointId: relay.id,
          peerId,
          direction,
          data: new TextEncoder().encode(text),
        }),
      );
    expect(await inject('device-to-server', 'INJ>')).toEqual({ bytes: 4 });
    await inject('server-to-device', '<INJ');
    await eventually(() => server.bytes().toString() === 'INJ>', 'the injection at the server');
    await eventually(() => device.bytes().toString() === '<INJ', 'the injection at the device');
    expect(h.logged(relay.id, 'rx').toString()).toBe('INJ>');
    expect(h.logged(relay.id, 'tx').toString()).toBe('<INJ');
    // The send box of a relay speaks to the device, as the server would.
    await must(h.api.send({ endpointId: relay.id, data: new TextEncoder().encode('+sent') }));
    await eventually(() => device.bytes().toString() === '<INJ+sent', 'the send at the device');
  });

  it('passes a reset from the server on to the device', async () => {
    const { device, server } = await conversation();
    (server.socket as net.Socket).resetAndDestroy();
    await eventually(() => device.error, 'the device to see the reset');
    expect(device.error).toBe('ECONNRESET');
  });
});

describe('relay when the server is not there', () => {
  it('closes the device and says why', async () => {
    h = startHarness();
    const closedPort = await freePort();
    const relay = await openRelay(closedPort);
    const device = await recordingClient(relay.local?.port ?? 0);
    cleanups.push(() => device.socket?.destroy());
    await eventually(() => device.ended, 'the device to get FIN');
    const notice = await eventually(
      () => h.notices.find((n) => n.startsWith('Relay 127.0.0.1:')),
      'the notice',
    );
    expect(notice).toContain(
      `→ 127.0.0.1:${closedPort}: Connection to 127.0.0.1:${closedPort} was refused: nothing is listening there`,
    );
    await eventually(() => h.info(relay.id).peers.length === 0, 'the conversation to go');
  });
});

describe('relay requests with bad input', () => {
  it('refuses each with a sentence', async () => {
    const { relay, peerId } = await conversation();
    const tcp = await must(
      h.api.openEndpoint({
        spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 },
      }),
    );
    expect(
      await refusal(h, 'setRelayDisturbance', {
        endpointId: tcp.id,
        direction: 'device-to-server',
        disturbance: {},
      }),
    ).toBe(`Connection ${tcp.id} is not a relay`);
    expect(
      await refusal(h, 'setRelayDisturbance', {
        endpointId: relay.id,
        direction: 'sideways',
        disturbance: {},
      }),
    ).toMatch(/^Invalid request: direction: /);
    expect(
      await refusal(h, 'setRelayDisturbance', {
        endpointId: relay.id,
        direction: 'device-to-server',
        disturbance: { latencyMs: -5 },
      }),
    ).toMatch(/^Invalid request: disturbance\.latencyMs: /);
    expect(
      await refusal(h, 'setRelayDisturbance', {
        endpointId: relay.id,
        direction: 'device-to-server',
        disturbance: { dropPercent: 50 },
      }),
    ).toBe('A TCP relay cannot drop part of a byte stream; use stall to hold it instead');
    expect(
      await refusal(h, 'relayInject', {
        endpointId: relay.id,
        peerId: 'p999',
        direction: 'device-to-server',
        data: new Uint8Array([1]),
      }),
    ).toBe('Conversation p999 is not open on this relay');
    expect(
      await refusal(h, 'relayInject', {
        endpointId: relay.id,
        peerId,
        direction: 'device-to-server',
        data: 'text, not bytes',
      }),
    ).toMatch(/^Invalid request: data: The data must be bytes/);
    expect(
      await refusal(h, 'relayAction', {
        endpointId: relay.id,
        peerId,
        direction: 'device-to-server',
        action: 'explode',
      }),
    ).toMatch(/^Invalid request: action: /);
    expect(
      await refusal(h, 'openEndpoint', {
        spec: {
          kind: 'relay',
          host: '127.0.0.1',
          port: 0,
          targetHost: '127.0.0.1',
          targetPort: 0,
        },
      }),
    ).toContain('targetPort: The port must be 1–65535');
    expect(await refusal(h, 'uploadFile', { name: '', data: new Uint8Array(1) })).toMatch(
      /^Invalid request: name: /,
    );
    expect(
      await refusal(h, 'uploadFile', { name: 'big.pem', data: new Uint8Array(2 * 1024 * 1024) }),
    ).toContain('larger than 1 MiB');
    expect(await refusal(h, 'chooseFile', { purpose: 'key' })).toBe(
      'This window cannot open the system file dialog; upload the file instead',
    );
  });
});
