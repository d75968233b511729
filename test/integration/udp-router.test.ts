import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EndpointInfo, Result } from '../../src/shared/contract';
import type { NetworkInterfaceInfo } from '../../src/shared/contract/udp';
import { createBackend, type Backend } from '../../src/main/core/backend';
import { type PeerProcess } from '../helpers/peers';
import { parseFrames, pythonReceiver } from '../helpers/udp-peers';

/**
 * The UDP operations through the router, as a window calls them: every bad
 * input comes back as invalid-request with a sentence, nothing reaches a
 * socket, and the good ones work end to end.
 */
let backend: Backend;
const peers: PeerProcess[] = [];

beforeEach(() => {
  backend = createBackend({ version: 'test', mode: 'browser' });
});
afterEach(async () => {
  peers.splice(0).forEach((p) => p.kill());
  await backend.dispose();
});

const call = (op: string, payload: unknown): Promise<Result<unknown>> =>
  backend.router.handle(op, payload);

async function openUdp(extra: Record<string, unknown> = {}): Promise<EndpointInfo> {
  const r = await call('openEndpoint', {
    spec: { kind: 'udp', host: '127.0.0.1', port: 0, ...extra },
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as EndpointInfo;
}

function expectInvalid(r: Result<unknown>, text: string): void {
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe('invalid-request');
    expect(r.error.message).toContain(text);
  }
}

describe('UDP operations refuse bad input with a sentence', () => {
  it('sendTo: port 0, a port above 65535, a bad host, no data, an unknown field', async () => {
    const e = await openUdp();
    const base = { endpointId: e.id, host: '127.0.0.1', port: 9, data: new Uint8Array([1]) };
    expectInvalid(await call('sendTo', { ...base, port: 0 }), 'A remote port must be 1–65535');
    expectInvalid(await call('sendTo', { ...base, port: 70000 }), 'The port must be 0–65535');
    expectInvalid(
      await call('sendTo', { ...base, host: 'not a host!' }),
      '"not a host!" is not a host name, an IPv4 or an IPv6 address',
    );
    expectInvalid(await call('sendTo', { ...base, data: 'text' }), 'The data must be bytes');
    expectInvalid(await call('sendTo', { ...base, extra: 1 }), 'unexpected field "extra"');
    expect(backend.engine.get(e.id).info().counters.txChunks).toBe(0);
  });

  it('joinGroup/leaveGroup: a unicast address as group, a bad interface', async () => {
    const e = await openUdp();
    expectInvalid(
      await call('joinGroup', { endpointId: e.id, group: '10.1.2.3' }),
      'A multicast group is an address in 224.0.0.0–239.255.255.255 (IPv4) or ff00::/8 (IPv6)',
    );
    expectInvalid(
      await call('leaveGroup', { endpointId: e.id, group: '239.1.1.1', iface: 'eth 0' }),
      'An interface is a name like eth0 or an address like 127.0.0.1',
    );
    expectInvalid(await call('joinGroup', { endpointId: e.id }), 'group');
  });

  it('setUdpOptions: TTL out of range, a non-boolean broadcast', async () => {
    const e = await openUdp();
    expectInvalid(
      await call('setUdpOptions', { endpointId: e.id, ttl: 0 }),
      'The TTL must be 1–255',
    );
    expectInvalid(
      await call('setUdpOptions', { endpointId: e.id, multicastTtl: 256 }),
      'The multicast TTL must be 0–255',
    );
    expectInvalid(await call('setUdpOptions', { endpointId: e.id, broadcast: 'yes' }), 'broadcast');
  });

  it('openEndpoint: a bad UDP spec is refused before any socket exists', async () => {
    const open = (spec: Record<string, unknown>) =>
      call('openEndpoint', { spec: { kind: 'udp', host: '127.0.0.1', port: 0, ...spec } });
    expectInvalid(await open({ port: -1 }), 'The port must be 0–65535');
    expectInvalid(await open({ connect: { host: '127.0.0.1', port: 0 } }), 'A remote port');
    expectInvalid(
      await open({ groups: Array.from({ length: 33 }, () => ({ group: '239.0.0.1' })) }),
      'At most 32 groups at once',
    );
    expectInvalid(await open({ multicastTtl: -1 }), 'The multicast TTL must be 0–255');
    expect(backend.engine.list()).toEqual([]);
  });

  it('UDP operations on a TCP connection or an unknown one are sentences', async () => {
    const tcp = await call('openEndpoint', {
      spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 },
    });
    if (!tcp.ok) throw new Error(tcp.error.message);
    const id = (tcp.value as EndpointInfo).id;
    const r = await call('sendTo', {
      endpointId: id,
      host: '127.0.0.1',
      port: 9,
      data: new Uint8Array(1),
    });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'wrong-state',
        message: `Connection ${id} is a tcp-server connection, not UDP`,
      },
    });
    const missing = await call('joinGroup', { endpointId: 'e999', group: '239.1.1.1' });
    expect(missing).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'There is no connection e999' },
    });
  });

  it('leaving a group never joined, and a group of the other family, are sentences', async () => {
    const e = await openUdp();
    const leave = await call('leaveGroup', { endpointId: e.id, group: '239.7.7.7' });
    expect(leave.ok).toBe(false);
    if (!leave.ok) expect(leave.error.message).toBe('Not a member of group 239.7.7.7');
    const v6 = await call('joinGroup', { endpointId: e.id, group: 'ff02::1:7' });
    expect(v6.ok).toBe(false);
    if (!v6.ok) {
      expect(v6.error.message).toBe(
        'Group ff02::1:7 is IPv6, but this socket is IPv4: bind to :: to join IPv6 groups',
      );
    }
    const noSuch = await call('joinGroup', {
      endpointId: e.id,
      group: '239.7.7.7',
      iface: 'nosuch0',
    });
    expect(noSuch.ok).toBe(false);
    if (!noSuch.ok)
      expect(noSuch.error.message).toContain('There is no IPv4 interface named "nosuch0"');
  });
});

describe('UDP operations through the router work', () => {
  it('lists the machine interfaces, loopback first, with IPv6 scopes', async () => {
    const r = await call('listInterfaces', {});
    expect(r.ok).toBe(true);
    const list = (r.ok ? r.value : []) as NetworkInterfaceInfo[];
    expect(list[0]?.internal).toBe(true);
    expect(list).toContainEqual(
      expect.objectContaining({ name: 'lo', address: '127.0.0.1', family: 'IPv4', scope: '::%lo' }),
    );
    expect(list).toContainEqual(expect.objectContaining({ address: '::1', family: 'IPv6' }));
  });

  it('sendTo delivers to a Python receiver; options and groups show in the endpoint info', async () => {
    const { peer, port } = await pythonReceiver('127.0.0.1');
    peers.push(peer);
    const e = await openUdp({ host: '0.0.0.0' });
    const data = new Uint8Array([0, 1, 2, 0xfe, 0xff]);
    const sent = await call('sendTo', { endpointId: e.id, host: '127.0.0.1', port, data });
    expect(sent).toEqual({ ok: true, value: { bytes: 5, peers: 1 } });
    expect([...(parseFrames(await peer.waitForBytes(9))[0] ?? [])]).toEqual([...data]);

    const set = await call('setUdpOptions', {
      endpointId: e.id,
      ttl: 9,
      multicastTtl: 0,
      multicastLoopback: true,
      multicastInterface: 'lo',
    });
    expect(set.ok && (set.value as EndpointInfo).udp).toMatchObject({
      ttl: 9,
      multicastTtl: 0,
      multicastLoopback: true,
      multicastInterface: 'lo',
      broadcast: false,
    });
    const joined = await call('joinGroup', { endpointId: e.id, group: '239.77.1.2', iface: 'lo' });
    expect(joined.ok && (joined.value as EndpointInfo).udp?.memberships).toEqual([
      { group: '239.77.1.2', iface: 'lo' },
    ]);
    const again = await call('joinGroup', { endpointId: e.id, group: '239.77.1.2', iface: 'lo' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toBe('Already a member of group 239.77.1.2 on lo');
    const left = await call('leaveGroup', { endpointId: e.id, group: '239.77.1.2', iface: 'lo' });
    expect(left.ok && (left.value as EndpointInfo).udp?.memberships).toEqual([]);
  });
});
