import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import { closeSync, constants, mkdtempSync, openSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EndpointInfo } from '../../src/shared/contract';
import { MAX_SESSIONS } from '../../src/main/engine/relay/relay-udp';
import {
  QUEUE_LIMIT_BYTES,
  QUEUE_LIMIT_DATAGRAMS,
} from '../../src/main/engine/relay/udp-delay-queue';
import { startHarness, type Harness } from '../helpers/backend-harness';
import { eventually } from '../helpers/peers';
import { disturb } from '../helpers/relay-calls';
import { must } from '../helpers/result';
import { udpDevice, udpRelay, udpRelayRig, udpServer } from '../helpers/relay-peers';
import { expectChinese } from '../helpers/chinese';
import { findMessage } from '../helpers/provoke';

/**
 * What a UDP relay session owns dies with it: the datagrams waiting out a
 * latency, the socket toward the server, the timers. The queues are
 * bounded, idle sessions end, and a new device is never refused.
 */
let h: Harness;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await h?.close();
});

async function latency(relay: EndpointInfo, latencyMs: number): Promise<void> {
  for (const direction of ['device-to-server', 'server-to-device'] as const) {
    await disturb(h.api, relay.id, { latencyMs }, direction);
  }
}

const timeouts = (): number =>
  process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('a UDP relay session and what it owns', () => {
  it('a device forgotten while its datagrams wait: nothing fires on its closed socket, and what waited is counted as dropped', async () => {
    h = startHarness();
    const { server, relay, device, toRelay } = await udpRelayRig(h, cleanups);
    toRelay(Buffer.from('hello'));
    await eventually(() => server.got.length === 1, 'the first datagram');
    const upstream = server.got[0]?.from as dgram.RemoteInfo;
    await latency(relay, 300);
    for (let i = 0; i < 5; i++) toRelay(Buffer.from(`held ${i}`));
    for (let i = 0; i < 3; i++)
      server.socket.send(Buffer.from(`reply ${i}`), upstream.port, '127.0.0.1');
    await eventually(() => {
      const c = h.info(relay.id).counters;
      return c.rxChunks === 6 && c.txChunks === 3;
    }, 'the held datagrams logged');
    const peerId = h.info(relay.id).peers[0]?.id ?? '';
    expect(await must(h.api.disconnectPeer({ endpointId: relay.id, peerId }))).toEqual({
      disconnected: true,
    });
    // Sent after the disconnect, it waits the same 300 ms in a new session.
    toRelay(Buffer.from('after'));
    await eventually(() => server.got.length >= 2, 'the datagram sent after the disconnect');
    expect(server.got.map((g) => g.data.toString())).toEqual(['hello', 'after']);
    expect(device.got).toHaveLength(0);
    expect(h.info(relay.id).relay?.dropped).toEqual({
      'device-to-server': 5,
      'server-to-device': 3,
    });
    expect(h.info(relay.id).relay?.udp?.queuedBytes).toEqual({
      'device-to-server': 0,
      'server-to-device': 0,
    });
  });

  it('a relay removed while datagrams wait sends none of them, and holds no timer', async () => {
    h = startHarness();
    const { server, relay: old, device, toRelay } = await udpRelayRig(h, cleanups);
    await latency(old, 300);
    const before = timeouts();
    for (let i = 0; i < 5; i++) toRelay(Buffer.from(`held ${i}`));
    await eventually(() => h.info(old.id).counters.rxChunks === 5, 'the held datagrams logged');
    await must(h.api.removeEndpoint({ endpointId: old.id }));
    expect(timeouts()).toBeLessThanOrEqual(before);
    // A second relay with the same latency: when its datagram arrives, the first one's are long due.
    const next = await udpRelay(h, server.port);
    await latency(next, 300);
    device.socket.send(Buffer.from('through the new relay'), next.local?.port ?? 0, '127.0.0.1');
    await eventually(() => server.got.length >= 1, 'the datagram through the new relay');
    expect(server.got.map((g) => g.data.toString())).toEqual(['through the new relay']);
  });

  it('holds at most 1 MiB per direction; what does not fit is dropped, counted and said', async () => {
    h = startHarness();
    const { server, relay, toRelay } = await udpRelayRig(h, cleanups);
    await latency(relay, 60_000);
    const size = 60_000;
    const sent = 40;
    for (let i = 0; i < sent; i++) {
      toRelay(Buffer.alloc(size, i));
      // One at a time, so the kernel's receive buffer never drops one first.
      await eventually(() => h.info(relay.id).counters.rxChunks === i + 1, `datagram ${i}`);
    }
    const fits = Math.floor(QUEUE_LIMIT_BYTES / size);
    const info = h.info(relay.id).relay;
    expect(info?.udp?.queuedBytes['device-to-server']).toBe(fits * size);
    expect(info?.udp?.queueFull['device-to-server']).toBe(sent - fits);
    expect(info?.dropped['device-to-server']).toBe(sent - fits);
    const full = (n: string) => /device → server queue is full \(1 MiB/.test(n);
    await eventually(() => h.notices.some(full), 'the full queue said');
    expect(h.notices.filter(full)).toHaveLength(1);
    expectChinese(findMessage(h.events, 'relay.queue-full'), 'relay.queue-full');
    expectChinese(findMessage(h.events, 'relay.queue-full'), 'relay.direction.device-to-server');
    expect(server.got).toHaveLength(0);
  });

  it('waits with one timer per direction, however many datagrams wait', async () => {
    h = startHarness();
    const { relay, toRelay } = await udpRelayRig(h, cleanups);
    await latency(relay, 60_000);
    // The session (and its idle timer) exists before counting.
    toRelay(Buffer.from('first'));
    await eventually(() => h.info(relay.id).counters.rxChunks === 1, 'the first datagram');
    const before = timeouts();
    for (let i = 0; i < 200; i++) {
      toRelay(Buffer.from(`d ${i}`));
      if (i % 20 === 19) {
        await eventually(() => h.info(relay.id).counters.rxChunks === i + 2, `datagram ${i}`);
      }
    }
    expect(timeouts() - before).toBeLessThanOrEqual(2);
    expect(h.info(relay.id).relay?.udp?.queuedBytes['device-to-server']).toBeGreaterThan(0);
  });

  it('ends a session idle for idleTimeoutMs (its socket toward the server closed) and says so', async () => {
    h = startHarness();
    const { server, relay, device, toRelay } = await udpRelayRig(h, cleanups, {
      idleTimeoutMs: 1000,
    });
    expect(h.info(relay.id).relay?.udp).toMatchObject({ idleTimeoutMs: 1000, maxSessions: 1024 });
    toRelay(Buffer.from('ping'));
    await eventually(() => server.got.length === 1, 'the datagram at the server');
    const upstream = server.got[0]?.from as dgram.RemoteInfo;
    expect(h.info(relay.id).peers).toHaveLength(1);
    await eventually(() => h.info(relay.id).peers.length === 0, 'the idle session to end', 5000);
    expect(h.info(relay.id).relay?.udp?.expired).toBe(1);
    // Its socket toward the server is gone: a reply to it reaches nobody.
    server.socket.send(Buffer.from('too late'), upstream.port, '127.0.0.1');
    toRelay(Buffer.from('again'));
    await eventually(() => server.got.length === 2, 'a new session for the same device');
    expect(h.info(relay.id).peers).toHaveLength(1);
    expect(server.got[1]?.from.port).not.toBe(upstream.port);
    server.socket.send(Buffer.from('answer'), server.got[1]?.from.port ?? 0, '127.0.0.1');
    await eventually(() => device.got.length === 1, 'the answer at the device');
    expect(device.got.map(String)).toEqual(['answer']);
  });

  it(`at ${MAX_SESSIONS} sessions the least recently active makes room: no new device is refused`, async () => {
    h = startHarness();
    const server = await udpServer(cleanups);
    // An echo server: each device waits for its answer, which proves it was served.
    server.socket.on('message', (data, from) => server.socket.send(data, from.port, from.address));
    const relay = await udpRelay(h, server.port);
    const relayPort = relay.local?.port ?? 0;
    const devices = MAX_SESSIONS + 60;
    const sockets: dgram.Socket[] = [];
    cleanups.push(() => sockets.forEach((s) => s.close()));
    for (let i = 0; i < devices; i++) {
      const socket = dgram.createSocket('udp4');
      sockets.push(socket);
      const answered = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer for device ${i}`)), 5000);
        socket.once('message', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
      socket.send(Buffer.from(`device ${i}`), relayPort, '127.0.0.1');
      await answered;
    }
    const info = h.info(relay.id);
    expect(info.peers).toHaveLength(MAX_SESSIONS);
    expect(info.relay?.udp?.expired).toBe(devices - MAX_SESSIONS);
    expect(info.relay?.dropped['device-to-server']).toBe(0);
    // The first devices made room; the last ones are the sessions kept.
    expect(info.peers.at(-1)?.port).toBe(sockets.at(-1)?.address().port);
    await eventually(
      () => h.notices.some((n) => /at most 1,024 devices at once/.test(n)),
      'the session cap said',
    );
    expectChinese(findMessage(h.events, 'relay.session-cap'), 'relay.session-cap');
  });

  it('holds at most 16,384 datagrams for a session whose server is still being looked up', async () => {
    h = startHarness();
    const server = await udpServer(cleanups);
    // Name lookups run on libuv's four pool threads: four opens of FIFOs nobody writes to
    // hold them, so the session's lookup of "localhost" waits until they are let go.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-fifo-'));
    const fifos = [0, 1, 2, 3].map((i) => path.join(dir, `hold-${i}`));
    execFileSync('mkfifo', fifos);
    const holding = fifos.map((f) => fs.open(f, 'r'));
    const relay = await udpRelay(h, server.port, { targetHost: 'localhost' });
    const device = await udpDevice(cleanups);
    // Empty datagrams weigh nothing against the 1 MiB: only a count bounds them.
    const extra = 1000;
    const sent = QUEUE_LIMIT_DATAGRAMS + extra;
    // A hundred at a time: more would overflow the relay socket's receive buffer first.
    for (let i = 0; i < sent; i += 100) {
      const upTo = Math.min(sent, i + 100);
      for (let k = i; k < upTo; k++) {
        device.socket.send(Buffer.alloc(0), relay.local?.port ?? 0, '127.0.0.1');
      }
      await eventually(() => h.info(relay.id).counters.rxChunks === upTo, `datagram ${upTo}`);
    }
    expect(h.info(relay.id).relay?.dropped['device-to-server']).toBe(extra);
    expect(h.info(relay.id).relay?.udp?.queueFull['device-to-server']).toBe(extra);
    // Let the lookup go: the session connects and what it held leaves for the server (in a
    // burst its receive buffer cannot all take, so only their arrival is checked).
    const writers = fifos.map((f) => openSync(f, constants.O_WRONLY | constants.O_NONBLOCK));
    for (const handle of await Promise.all(holding)) await handle.close();
    writers.forEach((fd) => closeSync(fd));
    await eventually(
      () => h.info(relay.id).peers[0]?.relay?.upstreamState === 'connected',
      'the session connected',
    );
    await eventually(() => server.got.length > 0, 'the held datagrams at the server');
  });
});
