import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * IPv6 multicast end to end. Linux will not send IPv6 multicast through lo
 * (routes via lo become reject routes), so this runs the engine in a child
 * process inside a network namespace of its own (`unshare -n`, needs root
 * or CAP_SYS_ADMIN, as CI has) with a veth pair: the machine's interfaces
 * are never touched, and the namespace goes with the process.
 */
const ROOT = path.resolve(__dirname, '../..');
const SETUP = [
  'set -e',
  'ip link set lo up',
  'ip link add wb0 type veth peer name wb1',
  // No duplicate-address detection, set before the links come up: the
  // link-local address is then usable as soon as it exists.
  'sysctl -qw net.ipv6.conf.wb0.accept_dad=0',
  'sysctl -qw net.ipv6.conf.wb1.accept_dad=0',
  'ip link set wb1 up',
  'ip link set wb0 up',
  // A datagram sent before wb0 has a usable link-local source address is
  // dropped, so wait (bounded, 5 s) for one that is not tentative.
  'for i in $(seq 50); do',
  '  ip -6 addr show dev wb0 scope link | grep -q inet6 &&',
  '    ! ip -6 addr show dev wb0 scope link | grep -q tentative && break',
  '  sleep 0.1',
  'done',
  `exec "${process.execPath}" node_modules/jiti/lib/jiti-cli.mjs test/helpers/udp-multicast-ns-child.ts`,
].join('\n');

describe('UDP IPv6 multicast in a private network namespace', () => {
  it('joins ff02::1:3 on an interface, receives Python datagrams exactly, and sends to a group Python joined', () => {
    const run = spawnSync('unshare', ['-n', 'sh', '-c', SETUP], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const line = /^RESULT (.*)$/m.exec(run.stdout)?.[1];
    if (!line) {
      throw new Error(
        `The namespace child did not report (exit ${run.status}): ${run.stdout} ${run.stderr}`,
      );
    }
    expect(JSON.parse(line)).toEqual({
      memberships: [{ group: 'ff02::1:3', iface: 'wb0' }],
      // One row per datagram, the empty one included.
      engineReceived: ['000102ff', Buffer.from('ipv6 multicast').toString('hex'), ''],
      pythonReceived: ['feed000a'],
    });
  });
});
