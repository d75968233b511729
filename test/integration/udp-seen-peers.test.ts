import dgram from 'node:dgram';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { EndpointInfo } from '../../src/shared/contract';
import { buildExport } from '../../src/main/engine/capture/log-export';
import { MAX_SEEN_PEERS } from '../../src/main/engine/seen-peers';
import { engineHarness, type EngineHarness } from '../helpers/engine-harness';
import { eventually } from '../helpers/peers';

/**
 * Issue 9, item 6: the peers an endpoint remembers for its exports must not
 * grow without bound when a flood comes from ever new source ports (which
 * a spoofing sender can make at will).
 */
let h: EngineHarness;
const work = mkdtempSync(path.join(os.tmpdir(), 'wirebench-seen-'));
afterEach(async () => {
  await h?.dispose();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** One datagram from 127.0.0.1:port (false if that port is taken on this machine). */
async function sendFrom(port: number, data: Buffer, to: number): Promise<boolean> {
  const socket = dgram.createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, '127.0.0.1', () => resolve());
    });
    await new Promise<void>((resolve, reject) =>
      socket.send(data, to, '127.0.0.1', (err) => (err ? reject(err) : resolve())),
    );
    return true;
  } catch {
    return false;
  } finally {
    socket.close();
  }
}

/** One 1000-byte datagram from each of MAX_SEEN_PEERS + 1500 ports; returns the last port used. */
async function flood(endpoint: EndpointInfo): Promise<number> {
  const to = endpoint.local?.port ?? 0;
  const data = Buffer.alloc(1000, 0x5a);
  // Ports below the ephemeral range, so no other test's port-0 socket is disturbed.
  const ports = Array.from({ length: MAX_SEEN_PEERS + 1500 }, (_, i) => 12_000 + i);
  let sent = 0;
  let last = 0;
  for (let at = 0; at < ports.length; at += 100) {
    const batch = ports.slice(at, at + 100);
    const ok = await Promise.all(batch.map((p) => sendFrom(p, data, to)));
    sent += ok.filter(Boolean).length;
    last = batch.filter((_, i) => ok[i]).at(-1) ?? last;
    // Paced by what arrived, so the kernel's receive buffer never drops one.
    await eventually(
      () => h.engine.get(endpoint.id).counters.rxChunks === sent,
      `${sent} datagrams received`,
    );
  }
  expect(sent).toBeGreaterThan(MAX_SEEN_PEERS);
  return last;
}

describe(`the peers an endpoint remembers for exports (at most ${MAX_SEEN_PEERS})`, () => {
  it('stay bounded under a flood of distinct source ports, keeping every peer the log still has chunks of', async () => {
    h = engineHarness();
    h.engine.log.setBudget(1024 * 1024);
    const endpoint = await h.open({ kind: 'udp', host: '127.0.0.1', port: 0 });
    const last = await flood(endpoint);
    const e = h.engine.get(endpoint.id);
    expect(e.seenPeers.size).toBeLessThanOrEqual(MAX_SEEN_PEERS);
    const logged = h.engine.log.read(endpoint.id, -1, 1_000_000);
    expect(logged.length).toBeGreaterThan(100);
    expect(logged.filter((c) => !e.seenPeers.get(c.peerId))).toHaveLength(0);
    const text = new TextDecoder().decode(
      buildExport(e, h.engine.log, { format: 'text', timeZone: 'utc' }, Date.now()).data,
    );
    expect(text).toContain(`127.0.0.1:${last}`);
  });

  it('stay bounded when the log holds them all; a pcapng export still carries every datagram', async () => {
    h = engineHarness();
    const endpoint = await h.open({ kind: 'udp', host: '127.0.0.1', port: 0 });
    const last = await flood(endpoint);
    const e = h.engine.get(endpoint.id);
    expect(e.seenPeers.size).toBeLessThanOrEqual(MAX_SEEN_PEERS);
    const logged = h.engine.log.read(endpoint.id, -1, 1_000_000);
    const file = path.join(work, 'flood.pcapng');
    writeFileSync(
      file,
      buildExport(e, h.engine.log, { format: 'pcapng', timeZone: 'utc' }, Date.now()).data,
    );
    const sources = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'udp.srcport'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
      .trim()
      .split('\n')
      .map(Number);
    // Every datagram is there; the oldest peers' come from port 0 (their address was let go).
    expect(sources).toHaveLength(logged.length);
    expect(sources.at(-1)).toBe(last);
    expect(sources.filter((p) => p === 0).length).toBe(logged.length - e.seenPeers.size);
  });
});
