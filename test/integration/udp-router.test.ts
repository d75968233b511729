import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EndpointInfo, Result } from '../../src/shared/contract';
import type { NetworkInterfaceInfo } from '../../src/shared/contract/udp';
import { createBackend, type Backend } from '../../src/main/core/backend';
import { type PeerProcess } from '../helpers/peers';
import { failure, must } from '../helpers/result';
import { parseFrames, pythonReceiver } from '../helpers/udp-peers';
import { inEnglish } from '../helpers/english';

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
  return (await must(
    call('openEndpoint', { spec: { kind: 'udp', host: '127.0.0.1', port: 0, ...extra } }),
  )) as EndpointInfo;
}

async function expectInvalid(r: Promise<Result<unknown>>, text: string): Promise<void> {
  const error = await failure(r);
  expect(error.code).toBe('invalid-request');
  expect(inEnglish(error.message)).toContain(text);
}

describe('UDP operations refuse bad input with a sentence', () => {
  it('sendPayload to a destination: port 0, a port above 65535, a bad host, no payload, an unknown field', async () => {
    const e = await openUdp();
    const spec = { mode: 'hex', source: '01' };
    const to = { host: '127.0.0.1', port: 9 };
    const send = (request: Record<string, unknown>) =>
      call('sendPayload', { endpointId: e.id, spec, to, ...request });
    await expectInvalid(send({ to: { ...to, port: 0 } }), 'to.port: The port must be 1–65535');
    await expectInvalid(
      send({ to: { ...to, port: 70000 } }),
      'to.port: Too big: expected number to be <=65535',
    );
    await expectInvalid(
      send({ to: { ...to, host: 'not a host!' } }),
      '"not a host!" is not a host name, an IPv4 or an IPv6 address',
    );
    await expectInvalid(send({ spec: 'text' }), 'Invalid request: spec: ');
    await expectInvalid(send({ to: { ...to, extra: 1 } }), 'to: Unrecognized key: "extra"');
    expect(backend.engine.get(e.id).info().counters.txChunks).toBe(0);
  });

  it('joinGroup/leaveGroup: a unicast address as group, a bad interface', async () => {
    const e = await openUdp();
    await expectInvalid(
      call('joinGroup', { endpointId: e.id, group: '10.1.2.3' }),
      'A multicast group is an address in 224.0.0.0–239.255.255.255 (IPv4) or ff00::/8 (IPv6)',
    );
    await expectInvalid(
      call('leaveGroup', { endpointId: e.id, group: '239.1.1.1', iface: 'eth 0' }),
      'An interface is a name like eth0 or an address like 127.0.0.1',
    );
    await expectInvalid(call('joinGroup', { endpointId: e.id }), 'group');
  });

  it('setUdpOptions: TTL out of range, a non-boolean broadcast', async () => {
    const e = await openUdp();
    await expectInvalid(
      call('setUdpOptions', { endpointId: e.id, ttl: 0 }),
      'ttl: Too small: expected number to be >=1',
    );
    await expectInvalid(
      call('setUdpOptions', { endpointId: e.id, multicastTtl: 256 }),
      'multicastTtl: Too big: expected number to be <=255',
    );
    await expectInvalid(call('setUdpOptions', { endpointId: e.id, broadcast: 'yes' }), 'broadcast');
  });

  it('openEndpoint: a bad UDP spec is refused before any socket exists', async () => {
    const open = (spec: Record<string, unknown>) =>
      call('openEndpoint', { spec: { kind: 'udp', host: '127.0.0.1', port: 0, ...spec } });
    await expectInvalid(open({ port: -1 }), 'spec.port: Too small: expected number to be >=0');
    await expectInvalid(
      open({ connect: { host: '127.0.0.1', port: 0 } }),
      'spec.connect.port: The port must be 1–65535',
    );
    await expectInvalid(
      open({ groups: Array.from({ length: 33 }, () => ({ group: '239.0.0.1' })) }),
      'spec.groups: Too big: expected array to have <=32 items',
    );
    await expectInvalid(
      open({ multicastTtl: -1 }),
      'spec.multicastTtl: Too small: expected number to be >=0',
    );
    expect(backend.engine.list()).toEqual([]);
  });

  it('UDP operations on a TCP connection or an unknown one are sentences', async () => {
    const tcp = await must(
      call('openEndpoint', { spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }),
    );
    const id = (tcp as EndpointInfo).id;
    const r = await call('sendPayload', {
      endpointId: id,
      spec: { mode: 'hex', source: '01' },
      to: { host: '127.0.0.1', port: 9 },
    });
    expect(inEnglish(r)).toEqual({
      ok: false,
      error: {
        code: 'wrong-state',
        message: `Connection ${id} is not a UDP socket`,
      },
    });
    const missing = await call('joinGroup', { endpointId: 'e999', group: '239.1.1.1' });
    expect(inEnglish(missing)).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'There is no connection e999' },
    });
  });

  it('leaving a group never joined, and a group of the other family, are sentences', async () => {
    const e = await openUdp();
    const leave = await failure(call('leaveGroup', { endpointId: e.id, group: '239.7.7.7' }));
    expect(inEnglish(leave.message)).toBe(
      'Not a member of group 239.7.7.7 on the interface the system picks',
    );
    const v6 = await failure(call('joinGroup', { endpointId: e.id, group: 'ff02::1:7' }));
    expect(inEnglish(v6.message)).toBe(
      'Group ff02::1:7 is IPv6, but this socket is IPv4: bind to :: to join IPv6 groups',
    );
    const noSuch = await failure(
      call('joinGroup', { endpointId: e.id, group: '239.7.7.7', iface: 'nosuch0' }),
    );
    expect(inEnglish(noSuch.message)).toContain('There is no IPv4 interface named "nosuch0"');
  });
});

describe('UDP operations through the router work', () => {
  it('lists the machine interfaces, loopback first, with IPv6 scopes', async () => {
    const list = (await must(call('listInterfaces', {}))) as NetworkInterfaceInfo[];
    expect(list[0]?.internal).toBe(true);
    expect(list).toContainEqual(
      expect.objectContaining({ name: 'lo', address: '127.0.0.1', family: 'IPv4', scope: '::%lo' }),
    );
    expect(list).toContainEqual(expect.objectContaining({ address: '::1', family: 'IPv6' }));
  });

  it('sendPayload delivers to a chosen destination (Python); options and groups show in the endpoint info', async () => {
    const { peer, port } = await pythonReceiver('127.0.0.1');
    peers.push(peer);
    const e = await openUdp({ host: '0.0.0.0' });
    const data = new Uint8Array([0, 1, 2, 0xfe, 0xff]);
    const sent = await call('sendPayload', {
      endpointId: e.id,
      spec: { mode: 'hex', source: '00 01 02 FE FF' },
      to: { host: '127.0.0.1', port },
    });
    expect(sent).toEqual({ ok: true, value: { bytes: 5, peers: 1, payloadBytes: 5 } });
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
    const again = await failure(
      call('joinGroup', { endpointId: e.id, group: '239.77.1.2', iface: 'lo' }),
    );
    expect(inEnglish(again.message)).toBe('Already a member of group 239.77.1.2 on lo');
    const left = await call('leaveGroup', { endpointId: e.id, group: '239.77.1.2', iface: 'lo' });
    expect(left.ok && (left.value as EndpointInfo).udp?.memberships).toEqual([]);
  });
});
