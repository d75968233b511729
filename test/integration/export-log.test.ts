import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { endpointSpec } from '../../src/shared/contract';
import type { EngineSink } from '../../src/main/engine/endpoint';
import { Engine } from '../../src/main/engine/engine';
import { exportHandlers } from '../../src/main/core/handlers/export-handlers';
import type { HandlerContext } from '../../src/main/core/handlers/handler-types';
import {
  allByteValues,
  eventually,
  ncatListener,
  spawnPeer,
  type PeerProcess,
} from '../helpers/peers';
import { followTcp } from '../helpers/tshark';

/**
 * exportLog on a real TCP conversation: socat (or ncat) on the other end,
 * the file written by the handler, and tshark as the judge of what the
 * pcapng says was sent each way.
 */
const dir = mkdtempSync(join(tmpdir(), 'wb-export-'));
const sink: EngineSink = {
  chunk: () => undefined,
  changed: () => undefined,
  event: () => undefined,
};
const engine = new Engine({ sink });
const ctx: HandlerContext = {
  engine,
  subscription: null,
  services: { version: 'test', mode: 'browser' },
};
const peers: PeerProcess[] = [];

afterAll(async () => {
  peers.forEach((p) => p.kill());
  await engine.dispose();
});

async function exportTo(name: string, request: Parameters<typeof exportHandlers.exportLog>[0]) {
  const result = await exportHandlers.exportLog(request, ctx);
  const file = join(dir, name);
  writeFileSync(file, result.data);
  return { file, result };
}

describe('exportLog of a real TCP conversation', () => {
  it('a listener and socat: tshark follows the stream with the exact bytes both ways, after the peer left', async () => {
    const info = await engine.open(
      endpointSpec.parse({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }),
    );
    const port = info.local!.port;
    const socat = spawnPeer('socat', ['-', `TCP:127.0.0.1:${port}`]);
    peers.push(socat);
    const fromPeer = allByteValues(70_000); // more than one synthesized segment
    socat.write(fromPeer);
    await eventually(() => engine.get(info.id).counters.rxBytes === fromPeer.length, 'rx bytes');
    const reply = Buffer.from('reply\r\n\x00\xff', 'latin1');
    await engine.send(info.id, undefined, reply);
    await socat.waitForBytes(reply.length);
    // socat half-closes (FIN) and we close our side: the peer is gone before the export.
    socat.child.stdin?.end();
    const peerId = engine.get(info.id).peers()[0]!.id;
    await eventually(() => engine.get(info.id).peers()[0]?.state === 'half-closed', 'FIN');
    engine.disconnect(info.id, peerId);
    await eventually(() => engine.get(info.id).peers().length === 0, 'peer gone');

    const { file, result } = await exportTo('server.pcapng', {
      endpointId: info.id,
      format: 'pcapng',
      timeZone: 'local',
    });
    expect(result.fileName).toMatch(/^wirebench-tcp-server-127\.0\.0\.1_\d+-\d{8}-\d{6}\.pcapng$/);
    expect(result.chunks).toBeGreaterThanOrEqual(2);
    const stream = followTcp(file);
    // socat opened the connection, so it is node 0.
    expect(stream.node1).toBe(`127.0.0.1:${port}`);
    expect(stream.node0).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(stream.fromNode0.equals(fromPeer)).toBe(true);
    expect(stream.fromNode1.equals(reply)).toBe(true);
    // Every checksum tshark can check is right, and it sees a FIN exchange.
    const status = execFileSync(
      'tshark',
      [
        ...['-r', file, '-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE'],
        ...['-T', 'fields', '-e', 'ip.checksum.status', '-e', 'tcp.checksum.status'],
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    // Wireshark's checksum status: 0 bad, 1 good, 2 unverified.
    const lines = status.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(9);
    expect(lines.every((l) => l === '1\t1')).toBe(true);
    // Two FINs, socat's first: it half-closed before we closed our side.
    const fins = execFileSync(
      'tshark',
      ['-r', file, '-Y', 'tcp.flags.fin == 1', '-T', 'fields', '-e', 'tcp.srcport'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    expect(fins.trim().split('\n').map(Number)).toEqual([Number(stream.node0.split(':')[1]), port]);
  });

  it('a client to an ncat listener: the selection and direction limits hold in every format', async () => {
    const { peer: ncat, port } = await ncatListener();
    peers.push(ncat);
    const info = await engine.open(
      endpointSpec.parse({ kind: 'tcp-client', host: '127.0.0.1', port }),
    );
    await engine.send(info.id, undefined, Buffer.from('AT\r\n'));
    await ncat.waitForBytes(4);
    ncat.write(Buffer.from('OK\r\n'));
    await eventually(() => engine.get(info.id).counters.rxBytes === 4, 'rx');

    const pcap = await exportTo('client.pcapng', {
      endpointId: info.id,
      format: 'pcapng',
      timeZone: 'utc',
    });
    const stream = followTcp(pcap.file);
    // We dialled, so we are node 0; ncat is node 1 at its port.
    expect(stream.node1).toBe(`127.0.0.1:${port}`);
    expect(stream.fromNode0.toString()).toBe('AT\r\n');
    expect(stream.fromNode1.toString()).toBe('OK\r\n');

    const rxOnly = await exportTo('rx.jsonl', {
      endpointId: info.id,
      format: 'jsonl',
      dir: 'rx',
      timeZone: 'utc',
    });
    const lines = Buffer.from(rxOnly.result.data).toString().trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).hex)).toEqual(['4f4b0d0a']);
    expect(JSON.parse(lines[0]!).peer).toBe(`127.0.0.1:${port}`);

    const csv = await exportTo('all.csv', { endpointId: info.id, format: 'csv', timeZone: 'utc' });
    const rows = Buffer.from(csv.result.data).toString().trim().split('\r\n');
    expect(rows[0]).toBe('time_us,iso_time,direction,endpoint,peer,length,hex');
    expect(rows.slice(1).map((r) => r.split(',').slice(2).join(','))).toEqual([
      `tx,${info.id},127.0.0.1:${port},4,41540d0a`,
      `rx,${info.id},127.0.0.1:${port},4,4f4b0d0a`,
    ]);

    const firstSeq = engine.log.read(info.id, -1, 10)[0]!.seq;
    const text = await exportTo('first.txt', {
      endpointId: info.id,
      format: 'text',
      fromSeq: firstSeq,
      toSeq: firstSeq,
      timeZone: 'utc',
    });
    expect(text.result.chunks).toBe(1);
    expect(Buffer.from(text.result.data).toString()).toContain('41 54 0d 0a');
  });
});
