import { execFileSync, spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dropsOfInode, inodesOnPort, udpTablePath } from '../../src/main/engine/udp/kernel-drops';
import { createInMemoryApi, type InMemoryApi } from '../helpers/in-memory-api';
import { eventually } from '../helpers/peers';
import { must } from '../helpers/result';
import { openStoreWindow } from '../helpers/store-window';

/**
 * Datagrams the kernel drops because a socket's receive buffer is full
 * never reach Wirebench; the count the window shows must be the kernel's.
 * The kernel's own number is read with `ss` (iproute2's socket statistics,
 * skmem's d field), not with Wirebench's reader.
 */
let bridge: InMemoryApi;

beforeEach(() => {
  bridge = createInMemoryApi();
});
afterEach(async () => {
  await bridge.close();
});

/** The kernel's drop count for the UDP socket on 127.0.0.1:port, as `ss` reports it. */
function ssDrops(port: number): number {
  const out = execFileSync('ss', ['-uamnH', `sport = :${port}`], { encoding: 'utf8' });
  const m = /\bd(\d+)\)/.exec(out);
  if (!m) throw new Error(`ss did not list the socket on port ${port}: ${out}`);
  return Number(m[1]);
}

/**
 * A burst from Python while this process (and so Wirebench's event loop)
 * waits for it: nothing reads the socket meanwhile, so a small buffer must
 * overflow. Bounded: `count` datagrams.
 */
function burst(port: number, count: number, size: number): void {
  const script = [
    'import socket, sys',
    's = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)',
    `data = b"w" * ${size}`,
    `for _ in range(${count}): s.sendto(data, ("127.0.0.1", ${port}))`,
  ].join('\n');
  const r = spawnSync('python3', ['-c', script], { timeout: 30_000 });
  if (r.status !== 0) throw new Error(`python3 failed: ${String(r.stderr)}`);
}

describe('UDP: what the kernel dropped is said', () => {
  it('a small receive buffer overflows; the window shows the kernel’s own count, and keeps it after close', async () => {
    const window = openStoreWindow(bridge.backend.router);
    const info = await must(
      bridge.api.openEndpoint({
        spec: { kind: 'udp', host: '127.0.0.1', port: 0, receiveBufferBytes: 4096 },
      }),
    );
    const port = info.local!.port;
    // The kernel rounds small buffers up (and Linux reports double what it keeps).
    expect(info.udp?.receiveBuffer.asked).toBe(4096);
    expect(info.udp?.receiveBuffer.granted).toBeGreaterThanOrEqual(4096);
    expect(info.udp?.kernelDrops).toBe(0);

    burst(port, 2000, 1000);
    const kernel = ssDrops(port);
    expect(kernel).toBeGreaterThan(0);
    const shown = () => window.state().endpoints[info.id]?.udp?.kernelDrops;
    await eventually(() => shown() === kernel, `the window to show ${kernel} drops (${shown()})`);
    // What did arrive is all in the log: sent = received + dropped.
    await eventually(
      () => window.state().endpoints[info.id]?.counters.rxChunks === 2000 - kernel,
      'the datagrams that got through to be counted',
    );

    const closed = await must(bridge.api.closeEndpoint({ endpointId: info.id }));
    expect(closed.udp?.kernelDrops).toBe(kernel);
    window.close();
  });

  it('reads the drops column of /proc/net/udp by inode, and finds inodes by port', () => {
    const table = [
      '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
      '  101: 0100007F:A1B2 00000000:0000 07 00000000:00001B00 00:00000000 00000000     0        0 4242 2 0000000000000000 1997',
      '  102: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 77 2 0000000000000000 0',
    ].join('\n');
    expect(dropsOfInode(table, 4242)).toBe(1997);
    expect(dropsOfInode(table, 77)).toBe(0);
    expect(dropsOfInode(table, 5)).toBeNull();
    expect(inodesOnPort(table, 0xa1b2)).toEqual([4242]);
    expect(inodesOnPort(table, 53)).toEqual([77]);
    expect(udpTablePath('IPv6')).toBe('/proc/net/udp6');
  });
});
