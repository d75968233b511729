import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WirebenchApi } from '../../src/shared/contract';
import { randomBytes } from '../helpers/random-bytes';
import { sha256 } from '../helpers/sha256';
import { createInMemoryApi } from '../helpers/in-memory-api';
import { must } from '../helpers/result';
import { useScratch } from '../helpers/scratch';
import { eventually, spawnPeer, type PeerProcess } from '../helpers/peers';
import { xorshift32 } from '../helpers/random-bytes';

/**
 * Paging over the wire (the router through encodeMessage/decodeMessage, as
 * the WebSocket carries it): every page of rows, framed rows and stream
 * bytes is exactly what socat sent at the offsets the page names, asked at
 * random while a small log evicts underneath; a page asked for below what
 * is held says what is gone.
 */
const MiB = 1024 * 1024;
const { dir, track, later } = useScratch('paging');

async function serverWith(logBudgetBytes: number) {
  const bridge = createInMemoryApi({ logBudgetBytes });
  later(() => bridge.close());
  const info = await must(
    bridge.api.openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }),
  );
  return { api: bridge.api, id: info.id, port: info.local!.port };
}

function socatSend(data: Buffer, name: string, port: number): PeerProcess {
  const file = path.join(dir, name);
  writeFileSync(file, data);
  const peer = spawnPeer('socat', ['-u', `OPEN:${file},rdonly`, `TCP:127.0.0.1:${port}`]);
  track(peer);
  return peer;
}

const framing = { mode: 'delimiter' as const, delimiter: '\\n', maxFrameBytes: 4096 };

/** One random page of rows, framed rows and stream bytes, each checked against what was sent. */
async function checkRandomPages(api: WirebenchApi, id: string, sent: Buffer, random: () => number) {
  const count = await must(api.logRowCount({ endpointId: id }));
  if (count.total === 0) return;
  const at = count.firstHeld + Math.floor(random() * (count.total - count.firstHeld));
  const page = await must(
    api.logRows({ endpointId: id, anchor: { position: at }, count: 40, maxRowBytes: 65536 }),
  );
  // Eviction between the two calls only moves the page up, never scrambles it.
  expect(page.from).toBeGreaterThanOrEqual(Math.min(at, page.total));
  for (const row of page.rows) {
    const bytes = page.bytes.subarray(row.bytesAt, row.bytesAt + row.bytesLength);
    expect(row.bytesLength).toBe(row.length);
    expect(
      Buffer.compare(bytes, sent.subarray(row.streamOffset, row.streamOffset + row.length)),
    ).toBe(0);
    expect(row.dirOffset).toBe(row.streamOffset);
  }
  const framed = await must(
    api.logRows({ endpointId: id, framing, anchor: { tail: true }, count: 30, maxRowBytes: 4096 }),
  );
  for (const row of framed.rows) {
    const bytes = framed.bytes.subarray(row.bytesAt, row.bytesAt + row.bytesLength);
    expect(
      Buffer.compare(bytes, sent.subarray(row.streamOffset, row.streamOffset + row.length)),
    ).toBe(0);
    if (row.error === undefined) expect(bytes[bytes.length - 1]).toBe(0x0a);
  }
  const windowAt = Math.floor(random() * sent.length);
  const w = await must(
    api.logStream({ endpointId: id, dir: 'rx', offset: windowAt, length: 200_000 }),
  );
  expect(w.offset).toBe(Math.min(w.end, Math.max(windowAt, w.start)));
  expect(Buffer.compare(w.bytes, sent.subarray(w.offset, w.offset + w.bytes.length))).toBe(0);
  // The chunk boundaries it lists are in order and cover the window.
  expect(w.chunks.offset[0]! <= w.offset || w.bytes.length === 0).toBe(true);
  for (let k = 1; k < w.chunks.offset.length; k++) {
    expect(w.chunks.offset[k]).toBeGreaterThan(w.chunks.offset[k - 1]!);
    expect(w.chunks.seq[k]).toBeGreaterThan(w.chunks.seq[k - 1]!);
  }
}

describe('paging the capture log over the wire', () => {
  it('returns exactly what socat sent for random pages while an 8 MiB log evicts 48 MiB', async () => {
    const { api, id, port } = await serverWith(8 * MiB);
    // Random bytes with a newline now and then, so the framed view has frames too.
    const sent = randomBytes(48 * MiB, 0x5eed);
    for (let i = 0; i < sent.length; i += 97 + (i % 1013)) sent[i] = 0x0a;
    const peer = socatSend(sent, 'flood.bin', port);
    const random = xorshift32(0xc0ffee);
    let exited = false;
    void peer.exited().then(() => (exited = true));
    let pages = 0;
    // Pages while the flood runs (bounded: the flood ends, or 2,000 rounds).
    while (!exited && pages < 150) {
      await checkRandomPages(api, id, sent, random);
      pages++;
      // The calls never wait on I/O: let the socket be read between rounds, as a window would.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await eventually(
      async () =>
        (await must(api.logStream({ endpointId: id, dir: 'rx', offset: 0, length: 1 }))).end ===
        sent.length,
      'the whole flood logged',
      20_000,
    );
    for (let i = 0; i < 20; i++) await checkRandomPages(api, id, sent, random);
    expect(pages).toBeGreaterThan(0);
    console.log(`${pages} rounds of random pages during the flood`);

    // Below what is held: the page starts at the oldest row held and says what went.
    const count = await must(api.logRowCount({ endpointId: id }));
    expect(count.firstHeld).toBeGreaterThan(0);
    expect(count.gone.chunks).toBe(count.firstHeld);
    const first = await must(api.logRows({ endpointId: id, anchor: { position: 0 }, count: 5 }));
    expect(first.from).toBe(count.firstHeld);
    expect(first.rows[0]!.position).toBe(count.firstHeld);
    const start = await must(api.logStream({ endpointId: id, dir: 'rx', offset: 0, length: 1000 }));
    expect(start.start).toBe(count.gone.bytes);
    expect(start.offset).toBe(start.start);
    expect(first.rows[0]!.streamOffset).toBe(start.start);

    // Everything held, read window by window, is the newest tail of what was sent.
    const parts: Uint8Array[] = [];
    for (let at = start.start; at < sent.length;) {
      const w = await must(
        api.logStream({ endpointId: id, dir: 'rx', offset: at, length: 4 * MiB }),
      );
      parts.push(w.bytes);
      at = w.offset + w.bytes.length;
    }
    expect(sha256(Buffer.concat(parts))).toBe(sha256(sent.subarray(start.start)));
  });

  it('pages a framed view by position and by seq, and a page past eviction says what is gone', async () => {
    const { api, id, port } = await serverWith(2 * MiB);
    const lines = Buffer.from(
      Array.from({ length: 200_000 }, (_, i) => `line ${String(i).padStart(8, '0')}\n`).join(''),
    );
    await socatSend(lines, 'lines.txt', port).exited();
    await eventually(
      async () => {
        const c = await must(api.logRowCount({ endpointId: id, framing }));
        const w = await must(api.logStream({ endpointId: id, dir: 'rx', offset: 0, length: 1 }));
        return c.framing.behindChunks === 0 && w.end === lines.length;
      },
      'the framed view caught up',
      20_000,
    );
    const c = await must(api.logRowCount({ endpointId: id, framing }));
    const tail = await must(
      api.logRows({ endpointId: id, framing, anchor: { tail: true }, count: 3 }),
    );
    const text = (r: (typeof tail.rows)[number]) =>
      Buffer.from(tail.bytes.subarray(r.bytesAt, r.bytesAt + r.bytesLength)).toString();
    expect(tail.rows.map(text)).toEqual(['line 00199997\n', 'line 00199998\n', 'line 00199999\n']);
    expect(tail.rows[2]!.position).toBe(c.total - 1);
    // The row found for a chunk's seq is the one holding that chunk's first byte.
    const mid = tail.rows[0]!;
    const bySeq = await must(
      api.logRows({ endpointId: id, framing, anchor: { seq: mid.seq }, count: 1 }),
    );
    const found = bySeq.rows[0]!;
    expect(found.seq).toBeLessThanOrEqual(mid.seq);
    expect(found.lastSeq).toBeGreaterThanOrEqual(mid.seq);
    expect(found.position).toBeLessThanOrEqual(mid.position);
    // Far below what the 2 MiB log holds: the page starts at the oldest row held.
    const old = await must(
      api.logRows({ endpointId: id, framing, anchor: { position: 0 }, count: 2 }),
    );
    expect(old.gone.bytes).toBeGreaterThan(0);
    expect(old.from).toBe(old.firstHeld);
    expect(old.rows[0]!.streamOffset).toBeGreaterThanOrEqual(old.gone.bytes);
  });
});
