import net from 'node:net';
import { afterAll, beforeAll, describe } from 'vitest';
import type { EndpointInfo } from '../../../src/shared/contract';
import { startHarness, type Harness } from '../../helpers/backend-harness';
import { connectPeer } from '../../helpers/node-peers';
import { eventually, freePort } from '../../helpers/peers';
import { provokes, refusedWith, sendRefusal, toldOf } from '../../helpers/provoke';
import { disturb } from '../../helpers/relay-calls';
import { udpDevice, udpRelay, udpRelayRig, udpServer } from '../../helpers/relay-peers';
import { must } from '../../helpers/result';
import { unusedUdpPort } from '../../helpers/udp-peers';

/**
 * Every relay message, provoked for real between loopback devices and
 * servers, and said with the UI in 简体中文. The full delay queue and the
 * session cap are said in Chinese in relay-udp-lifetime.test.ts, which
 * provokes them.
 */
let h: Harness;
const cleanups: Array<() => unknown> = [];
beforeAll(() => {
  h = startHarness();
});
afterAll(async () => {
  for (const clean of cleanups.splice(0)) await clean();
  await h.close();
});

const told = (code: Parameters<typeof toldOf>[1]) => toldOf(() => h.events, code);

async function tcpRelay(targetPort: number, mode: 'tcp' | 'tls' = 'tcp'): Promise<EndpointInfo> {
  return must(
    h.api.openEndpoint({
      spec: {
        kind: 'relay',
        mode,
        host: '127.0.0.1',
        port: 0,
        targetHost: '127.0.0.1',
        targetPort,
      },
    }),
  );
}

/** A TCP server standing in for the device's real one. */
async function tcpTarget(): Promise<number> {
  const server = net.createServer((s) => s.on('error', () => undefined));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => server.close());
  return (server.address() as net.AddressInfo).port;
}

/** A UDP relay toward a UDP server of its own. */
const udpRelayToServer = async () => udpRelay(h, (await udpServer(cleanups)).port);

/** Why `endpointId` will not take this disturbance from device to server. */
const disturbanceRefusal = (endpointId: string, disturbance: Record<string, unknown>) =>
  refusedWith(
    h.api.setRelayDisturbance({ endpointId, direction: 'device-to-server', disturbance }),
  );

/** Why a relay will not do `action` on the device side of a conversation it does not have. */
const actionRefusal = (endpointId: string, action: 'reset' | 'half-close') =>
  refusedWith(
    h.api.relayAction({ endpointId, peerId: 'p9999', direction: 'device-to-server', action }),
  );

describe('relay state lines', () => {
  provokes('state.relaying-tcp', async () => (await tcpRelay(await tcpTarget())).message);
  provokes('state.relaying-tls', async () => (await tcpRelay(await tcpTarget(), 'tls')).message);
  provokes('state.relaying-udp', async () => (await udpRelayToServer()).message);
  provokes('state.stopped-relaying', async () => {
    const relay = await tcpRelay(await tcpTarget());
    return (await must(h.api.closeEndpoint({ endpointId: relay.id }))).message;
  });
});

describe('what a relay refuses, and what goes wrong on its way', () => {
  provokes('relay.cannot-drop-tcp', async () =>
    disturbanceRefusal((await tcpRelay(await tcpTarget())).id, { dropPercent: 10 }),
  );
  provokes('relay.cannot-stall-udp', async () =>
    disturbanceRefusal((await udpRelayToServer()).id, { stall: true }),
  );
  provokes('relay.udp-no-connection', async () =>
    actionRefusal((await udpRelayToServer()).id, 'reset'),
  );
  provokes('relay.conversation-not-open', async () =>
    actionRefusal((await tcpRelay(await tcpTarget())).id, 'half-close'),
  );
  provokes('relay.no-device', async () =>
    sendRefusal(h.api, (await tcpRelay(await tcpTarget())).id),
  );
  provokes('relay.device-unknown', async () => {
    const relay = await udpRelayToServer();
    return refusedWith(
      h.api.relayInject({
        endpointId: relay.id,
        peerId: 'p9999',
        direction: 'server-to-device',
        data: Buffer.from('x'),
      }),
    );
  });
  provokes('relay.not-a-relay', async () => {
    const server = await must(
      h.api.openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }),
    );
    return disturbanceRefusal(server.id, { latencyMs: 5 });
  });
  // Nothing listens where the relay dials: the device's conversation says so.
  provokes('relay.conversation-failed', async () => {
    const relay = await tcpRelay(await freePort());
    const device = await connectPeer(relay.local!.port);
    cleanups.push(() => device.socket.destroy());
    return told('relay.conversation-failed');
  });
  // Nothing listens on the UDP port the relay sends to: ICMP says so on its session's socket.
  provokes('relay.session-failed', async () => {
    const relay = await udpRelay(h, await unusedUdpPort());
    const device = await udpDevice(cleanups);
    device.socket.send(Buffer.from('hello'), relay.local!.port, '127.0.0.1');
    await eventually(() => h.info(relay.id).counters.rxChunks === 1, 'the datagram');
    device.socket.send(Buffer.from('again'), relay.local!.port, '127.0.0.1');
    return told('relay.session-failed');
  });
  // The server answers faster than a minute's latency lets its answers go: the queue fills.
  provokes('relay.direction.server-to-device', async () => {
    const { server, relay, toRelay } = await udpRelayRig(h, cleanups);
    await disturb(h.api, relay.id, { latencyMs: 60_000 }, 'server-to-device');
    toRelay(Buffer.from('ask'));
    await eventually(() => server.got.length === 1, 'the question at the server');
    const back = server.got[0]!.from;
    for (let i = 0; i < 20; i++) {
      server.socket.send(Buffer.alloc(60_000, i), back.port, back.address);
      await eventually(() => h.info(relay.id).counters.txChunks === i + 1, `answer ${i}`);
    }
    return told('relay.direction.server-to-device');
  });
});
