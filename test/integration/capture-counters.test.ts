import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventBatch } from '../../src/shared/contract';
import { createBackend, type Backend } from '../../src/main/core/backend';
import { allByteValues, eventually, spawnPeer, type PeerProcess } from '../helpers/peers';
import { randomBytes } from '../helpers/random-bytes';
import { sha256 } from '../helpers/sha256';
import { inEnglish } from '../helpers/english';
import { useScratch } from '../helpers/scratch';

/**
 * The capture log against real peers: what socat or Python sent is exactly
 * what the counters say and (within the budget) exactly what the log holds;
 * what the budget evicted is counted to the byte.
 */
const { dir, track, later } = useScratch('capture');

function backend(logBudgetBytes?: number): Backend {
  const b = createBackend({ version: 'test', mode: 'browser' }, { logBudgetBytes });
  later(() => b.dispose());
  return b;
}

async function listen(b: Backend): Promise<{ id: string; port: number }> {
  const info = await b.engine.open({
    kind: 'tcp-server',
    host: '127.0.0.1',
    port: 0,
    ipv6Only: false,
    backlog: 511,
  });
  return { id: info.id, port: info.local!.port };
}

/** A file of `bytes` for socat to send, and its digest. */
function payloadFile(name: string, data: Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, data);
  return file;
}

/** Everything the log holds for one endpoint and direction, in order. */
function logged(b: Backend, id: string, dir: 'rx' | 'tx'): Uint8Array[] {
  const out: Uint8Array[] = [];
  let after = -1;
  for (;;) {
    const chunks = b.engine.log.read(id, after, 100_000);
    if (chunks.length === 0) return out;
    for (const c of chunks) if (c.dir === dir) out.push(c.data);
    after = chunks[chunks.length - 1]!.seq;
  }
}

function socatSendFile(file: string, port: number): PeerProcess {
  const p = spawnPeer('socat', ['-u', `OPEN:${file},rdonly`, `TCP:127.0.0.1:${port}`]);
  track(p);
  return p;
}

describe('capture counters with real peers', () => {
  it('64 MiB from socat: counters equal the bytes sent, the log holds them exactly', async () => {
    const b = backend();
    // Two windows: one that keeps up and one that never acknowledges.
    const seen: EventBatch[] = [];
    const keeping = b.router.subscribe((batch) => {
      seen.push(batch);
      keeping.ack(batch.seq);
    });
    const stalled = b.router.subscribe(() => undefined);
    const { id, port } = await listen(b);
    const data = randomBytes(64 * 1024 * 1024, 1);
    const peer = socatSendFile(payloadFile('64m.bin', data), port);
    await peer.exited();
    await eventually(
      () => b.engine.get(id).counters.rxBytes === data.length,
      `64 MiB counted (have ${b.engine.get(id).counters.rxBytes})`,
      20_000,
    );
    const counters = b.engine.get(id).counters;
    expect(counters.rxBytes).toBe(data.length);
    expect(counters.txBytes).toBe(0);
    const chunks = logged(b, id, 'rx');
    expect(counters.rxChunks).toBe(chunks.length);
    expect(sha256(chunks)).toBe(sha256(data));
    expect(b.engine.log.droppedFor(id)).toEqual({ chunks: 0, bytes: 0 });
    // The window that keeps up sees the exact counters in its latest endpoint event.
    await eventually(() => {
      const last = seen
        .flatMap((s) => s.events)
        .filter((e) => e.type === 'endpoint')
        .pop();
      return last?.type === 'endpoint' && last.endpoint.counters.rxBytes === data.length;
    }, 'the exact counters delivered');
    keeping.dispose();
    stalled.dispose();
  });

  it('a tiny budget evicts the oldest chunks and counts every evicted byte', async () => {
    const b = backend(1024 * 1024);
    const evictedEvents = { chunks: 0, bytes: 0 };
    const sub = b.router.subscribe((batch) => {
      for (const e of batch.events) {
        if (e.type === 'evicted') {
          evictedEvents.chunks += e.chunks;
          evictedEvents.bytes += e.bytes;
        }
      }
      sub.ack(batch.seq);
    });
    const { id, port } = await listen(b);
    const data = randomBytes(16 * 1024 * 1024, 2);
    await socatSendFile(payloadFile('16m.bin', data), port).exited();
    await eventually(() => b.engine.get(id).counters.rxBytes === data.length, '16 MiB counted');

    const kept = logged(b, id, 'rx');
    const keptBytes = kept.reduce((n, c) => n + c.byteLength, 0);
    const dropped = b.engine.log.droppedFor(id);
    const counters = b.engine.get(id).counters;
    expect(dropped.bytes).toBeGreaterThan(0);
    expect(dropped.bytes + keptBytes).toBe(data.length);
    expect(dropped.chunks + kept.length).toBe(counters.rxChunks);
    expect(b.engine.log.usedBytes).toBeLessThanOrEqual(1024 * 1024);
    // What is kept is the newest tail of the stream, byte for byte.
    expect(sha256(kept)).toBe(sha256(data.subarray(data.length - keptBytes)));
    // The windows were told, to the byte.
    await eventually(() => evictedEvents.bytes === dropped.bytes, 'evicted events delivered');
    expect(evictedEvents.chunks).toBe(dropped.chunks);

    // Through the contract: the status op reports the same counts.
    const status = await b.router.handle('logStatus', {});
    expect(status).toMatchObject({
      ok: true,
      value: {
        budgetBytes: 1024 * 1024,
        chunks: kept.length,
        evicted: [{ endpointId: id, chunks: dropped.chunks, bytes: dropped.bytes }],
      },
    });
    sub.dispose();
  });

  it('setLogBudget shrinks the log at once, evicting and counting; bad budgets are refused', async () => {
    const b = backend();
    const { id, port } = await listen(b);
    const data = randomBytes(8 * 1024 * 1024, 3);
    await socatSendFile(payloadFile('8m.bin', data), port).exited();
    await eventually(() => b.engine.get(id).counters.rxBytes === data.length, '8 MiB counted');
    expect(b.engine.log.droppedFor(id).bytes).toBe(0);

    const set = await b.router.handle('setLogBudget', { bytes: 2 * 1024 * 1024 });
    expect(set.ok).toBe(true);
    const kept = logged(b, id, 'rx').reduce((n, c) => n + c.byteLength, 0);
    expect(b.engine.log.droppedFor(id).bytes + kept).toBe(data.length);
    expect(b.engine.log.usedBytes).toBeLessThanOrEqual(2 * 1024 * 1024);

    const tooSmall = await b.router.handle('setLogBudget', { bytes: 1000 });
    expect(inEnglish(tooSmall)).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        message: expect.stringContaining('bytes: Too small: expected number to be >=1048576'),
      },
    });
    const info = await b.router.handle('appInfo', {});
    expect(info).toMatchObject({ ok: true, value: { logBudgetBytes: 2 * 1024 * 1024 } });
  });

  it('1 MiB of every byte value is recorded exactly', async () => {
    const b = backend();
    const { id, port } = await listen(b);
    const data = allByteValues(1024 * 1024);
    await socatSendFile(payloadFile('all.bin', data), port).exited();
    await eventually(() => b.engine.get(id).counters.rxBytes === data.length, '1 MiB counted');
    const chunks = logged(b, id, 'rx');
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
  });

  it('100,000 small writes from Python are all counted', async () => {
    const b = backend();
    const { id, port } = await listen(b);
    const script = [
      'import socket, sys',
      `s = socket.create_connection(("127.0.0.1", ${port}))`,
      's.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)',
      'for i in range(100000):',
      '    s.sendall(b"%09d\\n" % i)',
      's.close()',
    ].join('\n');
    const py = spawnPeer('python3', ['-c', script]);
    track(py);
    expect(await py.exited()).toBe(0);
    await eventually(() => b.engine.get(id).counters.rxBytes === 1_000_000, '1,000,000 bytes');
    const text = Buffer.concat(logged(b, id, 'rx')).toString('latin1');
    const lines = text.split('\n');
    expect(lines).toHaveLength(100_001);
    expect(lines[99_999]).toBe('000099999');
  });

  it('100,000 small sends to socat: every write is a counted TX chunk and socat got every byte', async () => {
    const b = backend();
    const sink = path.join(dir, 'socat-sink.bin');
    const { id: serverId, port } = await listen(b);
    const socat = spawnPeer('socat', ['-u', `TCP:127.0.0.1:${port}`, `CREATE:${sink}`]);
    track(socat);
    await eventually(() => b.engine.get(serverId).peers().length === 1, 'socat connected');
    const message = Uint8Array.of(0x00, 0xff, 0x41, 0x0a);
    // Sends are awaited 1,000 at a time so the kernel buffer, not memory, takes the backlog.
    for (let round = 0; round < 100; round++) {
      const sends: Promise<unknown>[] = [];
      for (let j = 0; j < 1000; j++) sends.push(b.engine.send(serverId, undefined, message));
      await Promise.all(sends);
    }
    const counters = b.engine.get(serverId).counters;
    expect(counters.txChunks).toBe(100_000);
    expect(counters.txBytes).toBe(400_000);
    await b.engine.close(serverId, true);
    expect(await socat.exited()).toBe(0);
    const received = readFileSync(sink);
    expect(received.length).toBe(400_000);
    expect(received.subarray(399_996).equals(Buffer.from(message))).toBe(true);
  });
});
