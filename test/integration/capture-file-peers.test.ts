import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/shared/contract';
import { CaptureFile } from '../../src/main/engine/capture/capture-file';
import { MAX_STREAM_CONVERSATIONS } from '../../src/shared/export/pcapng-stream';
import { readPcapngTcp } from '../helpers/pcapng-read';

/**
 * Capture to disk with many peers (a UDP port scanned from ever new source
 * ports, a device that reconnects all week): what a peer costs the capture
 * is bounded. A peer none of whose chunks reached the file while the disk
 * was behind wrote its handshake anyway, past the backlog's cap; and the
 * writer remembered every conversation it ever wrote, for as long as the
 * capture ran.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-cappeers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TCP_SYN = 0x02;
let seq = 0;
const chunk = (peer: number, data: Uint8Array): Chunk => ({
  seq: seq++,
  endpointId: 'e7',
  peerId: `p${peer}`,
  dir: 'rx',
  time: 1_700_000_000_000_000 + seq,
  data,
});
const conversation = (peer: number) => () => ({
  local: { address: '127.0.0.1', port: 9000 },
  remote: { address: '127.0.0.1', port: 10_000 + (peer % 50_000) },
  initiator: 'remote' as const,
});

describe('capture to disk with many peers', () => {
  it('a disk that is behind writes nothing for a peer none of whose chunks it wrote', async () => {
    const cap = 64 * 1024;
    const file = new CaptureFile('e7', dir, () => undefined, cap);
    // One big chunk fills the backlog (the disk gets no turn: these writes are synchronous).
    file.write(chunk(0, new Uint8Array(2 * cap)), conversation(0));
    const peers = 2000;
    for (let p = 1; p <= peers; p++)
      file.write(chunk(p, new Uint8Array([p & 0xff])), conversation(p));
    expect(file.backlogBytes).toBeLessThanOrEqual(3 * cap);
    const status = await file.stop();
    expect(status.missedChunks).toBe(peers);
    const syns = readPcapngTcp(readFileSync(status.path)).filter((s) => s.flags === TCP_SYN);
    expect(syns.map((s) => s.srcPort)).toEqual([10_000]);
  });

  it(`remembers at most ${MAX_STREAM_CONVERSATIONS} conversations: one let go starts anew`, async () => {
    const file = new CaptureFile('e7', dir, () => undefined);
    const one = new Uint8Array([1]);
    for (let p = 0; p <= MAX_STREAM_CONVERSATIONS; p++) {
      file.write(chunk(p, one), conversation(p));
      // Let the disk keep up, so nothing is missed.
      if (p % 1024 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    // The first peer speaks again: its conversation was let go, so it begins with a handshake.
    file.write(chunk(0, one), conversation(0));
    const status = await file.stop();
    expect(status.missedChunks).toBe(0);
    const syns = readPcapngTcp(readFileSync(status.path)).filter(
      (s) => s.flags === TCP_SYN && s.srcPort === 10_000,
    );
    expect(syns).toHaveLength(2);
  });
});
