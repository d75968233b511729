import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { EndpointInfo } from '../../src/shared/contract';
import { UdpEndpoint } from '../../src/main/engine/udp/udp-endpoint';
import { engineHarness, type EngineHarness } from '../helpers/engine-harness';
import { eventually, type PeerProcess } from '../helpers/peers';
import { socatReady, spawnSocat, unusedUdpPort } from '../helpers/udp-peers';
import { rejectedEnglish } from '../helpers/english';

/**
 * Broadcast and multicast on the loopback interface, with socat as the
 * other side. Findings on Linux (kernel 6.x): broadcast to 127.255.255.255
 * works on lo once SO_BROADCAST is set (EACCES before); IPv4 multicast
 * works on lo even though lo lacks the MULTICAST flag; IPv6 multicast can
 * be joined on lo but not sent through it (the kernel turns routes via lo
 * into reject routes: ENETUNREACH), so that refusal is asserted here and
 * the IPv6 round trip runs in udp-multicast-ns.test.ts.
 */
const peers: PeerProcess[] = [];
let h: EngineHarness;

afterEach(async () => {
  peers.splice(0).forEach((p) => p.kill());
  await h?.dispose();
});

function track(p: PeerProcess): PeerProcess {
  peers.push(p);
  return p;
}

function udp(id: string): UdpEndpoint {
  const e = h.engine.get(id);
  if (!(e instanceof UdpEndpoint)) throw new Error(`${id} is not UDP`);
  return e;
}

async function bindUdp(spec: Record<string, unknown>): Promise<EndpointInfo> {
  h = engineHarness();
  return h.open({ kind: 'udp', port: 0, ...spec } as never);
}

/** A group unlikely to be in use by anything else on the machine. */
function randomGroup(): string {
  return `239.${100 + Math.floor(Math.random() * 100)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
}

/** The IPv4 groups the kernel has joined on an interface (/proc/net/igmp, little-endian hex). */
function igmpGroups(device: string): string[] {
  const lines = readFileSync('/proc/net/igmp', 'utf8').split('\n');
  const out: string[] = [];
  let current = '';
  for (const line of lines) {
    const dev = /^\d+\s+(\S+)\s*:/.exec(line);
    if (dev) current = dev[1] ?? '';
    const group = /^\s+([0-9A-F]{8})\s/.exec(line);
    if (group && current === device) {
      const hex = group[1] ?? '';
      out.push([6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.'));
    }
  }
  return out;
}

/** The IPv6 groups joined on an interface (/proc/net/igmp6). */
function igmp6Groups(device: string): string[] {
  return readFileSync('/proc/net/igmp6', 'utf8')
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[1] === device && f[2])
    .map((f) => (f[2] ?? '').replace(/(.{4})(?!$)/g, '$1:'));
}

describe('UDP broadcast on loopback', () => {
  it('refuses broadcast without the permission, with a sentence, then sends once it is allowed', async () => {
    const port = await unusedUdpPort();
    // A receiver of broadcasts must be bound to the wildcard (it only listens).
    const socat = track(spawnSocat(['-u', `UDP4-RECV:${port}`, '-']));
    await socatReady(socat);
    const info = await bindUdp({ host: '127.0.0.1' });
    expect(info.udp?.broadcast).toBe(false);
    expect(
      await rejectedEnglish(udp(info.id).sendTo('127.255.255.255', port, Buffer.from('x'))),
    ).toMatch(
      `Sending to 127.255.255.255:${port} needs the broadcast permission: turn on "Allow broadcast" first`,
    );
    udp(info.id).setOptions({ broadcast: true });
    expect(h.engine.get(info.id).info().udp?.broadcast).toBe(true);
    const payload = Buffer.from([0x42, 0x00, 0xff, 0x43]);
    await udp(info.id).sendTo('127.255.255.255', port, payload);
    expect([...(await socat.waitForBytes(4))]).toEqual([...payload]);
  });

  it('opens with the broadcast permission from the spec and receives a broadcast from socat', async () => {
    const info = await bindUdp({ host: '0.0.0.0', broadcast: true });
    expect(info.udp?.broadcast).toBe(true);
    const socat = track(
      spawnSocat(['-u', '-', `UDP4-DATAGRAM:127.255.255.255:${info.local?.port},broadcast`]),
    );
    await socatReady(socat);
    socat.write(Buffer.from('to everyone on lo'));
    const rows = await h.waitForRx(info.id, 1);
    expect(Buffer.from(rows[0]!.data).toString()).toBe('to everyone on lo');
  });
});

describe('UDP IPv4 multicast on lo', () => {
  it('joins a group on lo (seen by the kernel), receives socat datagrams sent to it, and leaves', async () => {
    const group = randomGroup();
    const info = await bindUdp({
      host: '0.0.0.0',
      reuseAddr: true,
      groups: [{ group, iface: 'lo' }],
    });
    expect(info.udp?.memberships).toEqual([{ group, iface: 'lo' }]);
    expect(igmpGroups('lo')).toContain(group);

    const socat = track(
      spawnSocat([
        '-u',
        '-',
        `UDP4-DATAGRAM:${group}:${info.local?.port},ip-multicast-if=127.0.0.1,ip-multicast-loop=1`,
      ]),
    );
    await socatReady(socat);
    socat.write(Buffer.from([1, 2, 3, 4, 5]));
    await h.waitForRx(info.id, 1);
    socat.write(Buffer.from('second'));
    const rows = await h.waitForRx(info.id, 2);
    expect(rows.map((r) => Buffer.from(r.data).toString('hex'))).toEqual([
      '0102030405',
      Buffer.from('second').toString('hex'),
    ]);

    udp(info.id).leaveGroup(group, 'lo');
    expect(h.engine.get(info.id).info().udp?.memberships).toEqual([]);
    await eventually(() => !igmpGroups('lo').includes(group), 'the kernel to drop the group');
  });

  it('sends to a group through lo with a chosen TTL and loopback; socat joined there receives it', async () => {
    const group = randomGroup();
    const port = await unusedUdpPort();
    const socat = track(
      spawnSocat(['-u', `UDP4-RECV:${port},ip-add-membership=${group}:127.0.0.1,reuseaddr`, '-']),
    );
    await socatReady(socat);
    await eventually(() => igmpGroups('lo').includes(group), 'socat to join');
    const info = await bindUdp({
      host: '127.0.0.1',
      multicastInterface: 'lo',
      multicastTtl: 0,
      multicastLoopback: true,
    });
    expect(info.udp).toMatchObject({
      multicastInterface: 'lo',
      multicastTtl: 0,
      multicastLoopback: true,
    });
    const payload = Buffer.from([0xaa, 0x00, 0x55, 0xff]);
    await udp(info.id).sendTo(group, port, payload);
    expect([...(await socat.waitForBytes(4))]).toEqual([...payload]);
  });
});

describe('UDP IPv6 multicast on lo', () => {
  it('joins a group on lo by name, and reports as a sentence that Linux will not send it through lo', async () => {
    const info = await bindUdp({ host: '::', reuseAddr: true });
    udp(info.id).joinGroup('ff02::1:3', 'lo');
    expect(h.engine.get(info.id).info().udp?.memberships).toEqual([
      { group: 'ff02::1:3', iface: 'lo' },
    ]);
    expect(igmp6Groups('lo')).toContain('ff02:0000:0000:0000:0000:0000:0001:0003');
    udp(info.id).setOptions({ multicastInterface: 'lo', multicastLoopback: true });
    const port = info.local?.port ?? 0;
    expect(await rejectedEnglish(udp(info.id).sendTo('ff02::1:3', port, Buffer.from('x')))).toMatch(
      `No route to [ff02::1:3]:${port} from this socket (network unreachable): check the multicast interface`,
    );
    udp(info.id).leaveGroup('ff02::1:3', 'lo');
  });
});
