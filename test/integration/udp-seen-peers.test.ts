import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { EndpointInfo } from '../../src/shared/contract';
import { buildExport } from '../../src/main/engine/capture/log-export';
import { MAX_SEEN_PEERS } from '../../src/main/engine/seen-peers';
import { engineHarness, type EngineHarness } from '../helpers/engine-harness';
import { floodFromPorts } from '../helpers/udp-flood';

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

/** One 1000-byte datagram from each of MAX_SEEN_PEERS + 1500 ports; returns the last port used. */
async function flood(endpoint: EndpointInfo): Promise<number> {
  // Ports below the ephemeral range, apart from udp-peer-lanes.test.ts's.
  const { sent, last } = await floodFromPorts(h.engine, endpoint, {
    count: MAX_SEEN_PEERS + 1500,
    firstPort: 12_000,
    data: Buffer.alloc(1000, 0x5a),
  });
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
