import dgram from 'node:dgram';
import { afterAll, beforeAll, describe } from 'vitest';
import type { EndpointInfo, EndpointSpecInput, MessageRef } from '../../../src/shared/contract';
import { startHarness, type Harness } from '../../helpers/backend-harness';
import { buildEngineChild, openInChild } from '../../helpers/engine-child';
import { eventually } from '../../helpers/peers';
import { provokes, refusedWith, sendRefusal, toldOf } from '../../helpers/provoke';
import { must } from '../../helpers/result';
import { unusedUdpPort } from '../../helpers/udp-peers';

/**
 * Every UDP message, provoked for real on loopback (or in a network
 * namespace made for the test, where a route must be missing), and said
 * with the UI in 简体中文.
 */
let h: Harness;
let child: string;
const sockets: dgram.Socket[] = [];
beforeAll(async () => {
  h = startHarness();
  child = await buildEngineChild();
}, 60_000);
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await h.close();
});

type UdpOptions = Omit<Extract<EndpointSpecInput, { kind: 'udp' }>, 'kind' | 'host' | 'port'>;
const openUdp = (host = '127.0.0.1', options: UdpOptions = {}): Promise<EndpointInfo> =>
  must(h.api.openEndpoint({ spec: { kind: 'udp', host, port: 0, ...options } }));

/** A datagram to `to` through the send box (sendPayload): its refusal. */
const sendTo = (endpointId: string, to: { host: string; port: number }, source = '01') =>
  refusedWith(h.api.sendPayload({ endpointId, to, spec: { mode: 'hex', source } }));

/** The refusal of a datagram to `to` from a new socket on 127.0.0.1. */
const sentFromNew = async (to: { host: string; port: number }, source?: string) =>
  sendTo((await openUdp()).id, to, source);

const join = (endpointId: string, group: string, iface?: string) =>
  h.api.joinGroup({ endpointId, group, ...(iface ? { iface } : {}) });

/** Why a new socket on every IPv4 address cannot join `group` (on `iface`). */
const joinRefusal = async (group: string, iface?: string) =>
  refusedWith(join((await openUdp('0.0.0.0')).id, group, iface));

/** Why a new socket bound to `host` will not send its multicast through `multicastInterface`. */
const interfaceRefusal = async (host: string, multicastInterface: string) =>
  refusedWith(h.api.setUdpOptions({ endpointId: (await openUdp(host)).id, multicastInterface }));

/** The failure of one datagram sent from a UDP socket opened in a child, after `setup` in a netns. */
async function sentInNetns(
  setup: string,
  spec: UdpOptions & { host: string },
  to: { host: string; port: number },
): Promise<MessageRef | null> {
  const outcome = await openInChild(
    child,
    { kind: 'udp', port: 0, ...spec },
    {
      sendTo: to,
      wrap: (node) => ['unshare', ['-n', 'sh', '-c', `${setup} && exec "$@"`, 'sh', ...node]],
    },
  );
  return outcome.ref;
}

describe('datagrams the system or the socket refuses', () => {
  provokes('udp.oversized', () => sentFromNew({ host: '127.0.0.1', port: 9 }, '{{random:65508}}'));
  // Loopback's broadcast address, without SO_BROADCAST: nothing leaves the machine.
  provokes('udp.broadcast-needed', () => sentFromNew({ host: '127.255.255.255', port: 9 }));
  provokes('udp.send-not-permitted', () =>
    sentInNetns(
      'ip link set lo up && ip route add prohibit 10.66.0.0/16',
      { host: '0.0.0.0', broadcast: true },
      { host: '10.66.0.1', port: 9 },
    ),
  );
  provokes('udp.no-route', () =>
    sentInNetns('ip link set lo up', { host: '127.0.0.1' }, { host: '10.66.0.1', port: 9 }),
  );
  // Loopback down: not even a multicast route.
  provokes('udp.no-route-multicast', () =>
    sentInNetns('true', { host: '127.0.0.1' }, { host: '239.1.2.3', port: 9 }),
  );
  provokes('udp.port-unreachable', async () => {
    const dead = await unusedUdpPort();
    const e = await openUdp('127.0.0.1', { connect: { host: '127.0.0.1', port: dead } });
    await must(h.api.sendPayload({ endpointId: e.id, spec: { mode: 'hex', source: '01' } }));
    return toldOf(() => h.events, 'udp.port-unreachable');
  });
  provokes('udp.connected-only', async () => {
    const e = await openUdp('127.0.0.1', { connect: { host: '127.0.0.1', port: 9 } });
    return sendTo(e.id, { host: '127.0.0.1', port: 10 });
  });
  provokes('udp.v4-socket-v6-target', () => sentFromNew({ host: '::1', port: 9 }));
  provokes('udp.v6only-v4-target', async () => {
    const e = await openUdp('::', { ipv6Only: true });
    return sendTo(e.id, { host: '127.0.0.1', port: 9 });
  });
  provokes('udp.nobody-yet', async () => sendRefusal(h.api, (await openUdp()).id));
  provokes('udp.peer-unknown', async () => sendRefusal(h.api, (await openUdp()).id, 'p9999'));
  provokes('udp.already-bound', async () => {
    const e = await openUdp();
    return refusedWith(h.api.reconnectEndpoint({ endpointId: e.id }));
  });
  provokes('udp.socket-closed', async () => {
    const e = await openUdp();
    await must(h.api.closeEndpoint({ endpointId: e.id }));
    return refusedWith(h.api.setUdpOptions({ endpointId: e.id, ttl: 9 }));
  });
  provokes('udp.not-udp', async () => {
    const tcp = await must(
      h.api.openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }),
    );
    return refusedWith(h.api.setUdpOptions({ endpointId: tcp.id, ttl: 9 }));
  });
});

describe('multicast groups', () => {
  provokes('udp.joined', async () => {
    const e = await openUdp('0.0.0.0');
    await must(join(e.id, '239.77.2.1', 'lo'));
    return toldOf(() => h.events, 'udp.joined');
  });
  provokes('udp.scope.iface', () => toldOf(() => h.events, 'udp.scope.iface'));
  provokes('udp.left', async () => {
    const e = await openUdp('0.0.0.0');
    await must(join(e.id, '239.77.2.2'));
    await must(h.api.leaveGroup({ endpointId: e.id, group: '239.77.2.2' }));
    return toldOf(() => h.events, 'udp.left');
  });
  provokes('udp.scope.any', () => toldOf(() => h.events, 'udp.scope.any'));
  provokes('udp.group-already-joined', async () => {
    const e = await openUdp('0.0.0.0');
    await must(join(e.id, '239.77.2.3', 'lo'));
    return refusedWith(join(e.id, '239.77.2.3', 'lo'));
  });
  provokes('udp.group-not-joined', async () => {
    const e = await openUdp('0.0.0.0');
    return refusedWith(h.api.leaveGroup({ endpointId: e.id, group: '239.77.2.4' }));
  });
  // An interface address this machine does not have: Linux says no such device (ENODEV).
  provokes('udp.group-join-no-interface', () => joinRefusal('239.77.2.5', '192.0.2.1'));
  provokes('udp.group-family', () => joinRefusal('ff02::1:7'));
  // Linux lets a socket join 20 IPv4 groups (net.ipv4.igmp_max_memberships).
  provokes('udp.group-limit', async () => {
    const e = await openUdp('0.0.0.0');
    for (let n = 1; n <= 40; n++) {
      const r = await join(e.id, `239.77.3.${n}`);
      if (!r.ok) return r.error.message;
    }
    return null;
  });
});

describe('socket options and interfaces', () => {
  provokes('udp.option-refused', () => interfaceRefusal('0.0.0.0', '192.0.2.1'));
  provokes('udp.option.multicast-interface', () => interfaceRefusal('0.0.0.0', '192.0.2.1'));
  provokes('udp.iface-v6-on-v4', () => interfaceRefusal('0.0.0.0', '::%lo'));
  provokes('udp.iface-v4-on-v6', () => interfaceRefusal('::', '127.0.0.1'));
  provokes('udp.no-such-iface-list', () => joinRefusal('239.77.2.6', 'nosuch0'));
  provokes('udp.no-iface-with-address', () => interfaceRefusal('::', '2001:db8::1'));
});

describe('UDP state lines', () => {
  provokes('state.bound', async () => (await openUdp()).message);
  provokes('state.bound-connected', async () => {
    const peer = dgram.createSocket('udp4');
    sockets.push(peer);
    await new Promise<void>((resolve) => peer.bind(0, '127.0.0.1', resolve));
    const port = peer.address().port;
    const e = await openUdp('127.0.0.1', { connect: { host: '127.0.0.1', port } });
    await eventually(() => e.state === 'connected', 'connected');
    return e.message;
  });
});
