import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/peers';
import { udpDevice, udpRelaySpec, udpServer } from '../helpers/relay-peers';
import { connectServe } from '../helpers/serve-client';
import { startServe, type ServeProcess } from '../helpers/serve-process';

/**
 * Issue 9, item 2, against the real browser-mode process: datagrams waiting
 * out a relay's latency when their device is disconnected used to fire on
 * the closed socket and throw from a timer (ERR_SOCKET_DGRAM_NOT_RUNNING),
 * killing the process. It must still answer afterwards.
 */
let serve: ServeProcess | null = null;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await serve?.stop();
  serve = null;
});

describe('the browser-mode server with a UDP relay under latency', () => {
  it('survives a device disconnected while its datagrams wait, and still answers', async () => {
    serve = await startServe();
    const client = await connectServe(serve);
    cleanups.push(() => client.close());
    const server = await udpServer(cleanups);
    const relay = await client.must('openEndpoint', { spec: udpRelaySpec(server.port) });
    const relayPort = relay.local?.port ?? 0;
    const info = async () =>
      (await client.must('listEndpoints', {})).find((e) => e.id === relay.id);

    // A first datagram without latency: the server learns the session's upstream address.
    const device = await udpDevice(cleanups);
    device.socket.send(Buffer.from('hello'), relayPort, '127.0.0.1');
    await eventually(() => server.got.length === 1, 'the first datagram at the server');
    const upstream = server.got[0]?.from;
    for (const direction of ['device-to-server', 'server-to-device'] as const) {
      await client.must('setRelayDisturbance', {
        endpointId: relay.id,
        direction,
        disturbance: { latencyMs: 400 },
      });
    }
    for (let i = 0; i < 5; i++)
      device.socket.send(Buffer.from(`held ${i}`), relayPort, '127.0.0.1');
    for (let i = 0; i < 3; i++)
      server.socket.send(Buffer.from(`reply ${i}`), upstream?.port ?? 0, '127.0.0.1');
    await eventually(async () => {
      const c = (await info())?.counters;
      return c?.rxChunks === 6 && c.txChunks === 3;
    }, 'the held datagrams logged by the relay');
    const peerId = (await client.must('listPeers', { endpointId: relay.id })).peers[0]?.id ?? '';
    expect(await client.must('disconnectPeer', { endpointId: relay.id, peerId })).toEqual({
      disconnected: true,
    });

    // A datagram sent after the disconnect waits the same 400 ms in a new session:
    // when it arrives, the old session's delays are long past.
    device.socket.send(Buffer.from('after'), relayPort, '127.0.0.1');
    const running = serve;
    await eventually(
      () => server.got.length >= 2 || running.child.exitCode !== null,
      'the datagram sent after the disconnect',
    );
    expect(running.child.exitCode, running.output()).toBeNull();
    expect(server.got.map((g) => g.data.toString())).toEqual(['hello', 'after']);
    expect(device.got).toHaveLength(0);
    const after = await info();
    expect(after?.relay?.dropped).toEqual({ 'device-to-server': 5, 'server-to-device': 3 });
    const app = await client.call('appInfo', {});
    expect(app.ok).toBe(true);
    expect(serve.output()).not.toMatch(/ERR_SOCKET_DGRAM_NOT_RUNNING|Uncaught|TypeError/);
  });
});
