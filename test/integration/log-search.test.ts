import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { WirebenchApi, WirebenchEvent } from '../../src/shared/contract';
import { randomBytes } from '../helpers/random-bytes';
import { createInMemoryApi, type InMemoryApi } from '../helpers/in-memory-api';
import { must } from '../helpers/result';
import { connectPeer, type NodePeer } from '../helpers/node-peers';
import { eventually } from '../helpers/peers';
import { connectServe } from '../helpers/serve-client';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { inEnglish } from '../helpers/english';

/**
 * Find in main, over the wire: a unique marker in the middle of a 64 MiB
 * flood is found, also when it is split across two chunks; cancel stops a
 * search (even a regular expression that would run for ever); the worker
 * leaves the socket loop free (a TCP echo answers while a search runs);
 * and the built browser-mode server runs the same worker.
 */
const MiB = 1024 * 1024;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server(options: Parameters<typeof createInMemoryApi>[0] = {}): Promise<{
  bridge: InMemoryApi;
  api: WirebenchApi;
  id: string;
  port: number;
}> {
  const bridge = createInMemoryApi(options);
  cleanups.push(() => bridge.close());
  const info = await must(
    bridge.api.openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }),
  );
  return { bridge, api: bridge.api, id: info.id, port: info.local!.port };
}

async function client(port: number): Promise<NodePeer> {
  const peer = await connectPeer(port);
  cleanups.push(() => peer.socket.destroy());
  return peer;
}

/** Writes everything, waiting on backpressure. */
async function write(peer: NodePeer, data: Uint8Array): Promise<void> {
  for (let at = 0; at < data.length; at += 256 * 1024) {
    if (!peer.socket.write(data.subarray(at, at + 256 * 1024))) {
      await new Promise((resolve) => peer.socket.once('drain', resolve));
    }
  }
}

/** Waits until the log holds `n` received bytes of the endpoint. */
async function logged(api: WirebenchApi, id: string, n: number): Promise<void> {
  await eventually(
    async () =>
      (await must(api.logStream({ endpointId: id, dir: 'rx', offset: 0, length: 1 }))).end >= n,
    `${n} bytes logged`,
    30_000,
  );
}

async function searchDone(api: WirebenchApi, scanId: string) {
  await eventually(
    async () =>
      (await must(api.readLogSearch({ scanId, anchor: { index: 0 } }))).status.state !== 'running',
    'the search to end',
    30_000,
  );
  return must(api.readLogSearch({ scanId, anchor: { index: 0 }, count: 100 }));
}

describe('find in main', () => {
  it('finds a unique marker in the middle of a 64 MiB flood, also one split across two chunks', async () => {
    const { api, id, port } = await server();
    const peer = await client(port);
    const split = Buffer.from('<<SPLIT-MARKER-7f3a>>');
    const whole = Buffer.from('<<WHOLE-MARKER-91c2>>');
    const filler = randomBytes(64 * MiB, 0xf100d);
    // The split marker sits at 32 MiB: its first half is logged before its second half is sent.
    const at = 32 * MiB;
    await write(peer, filler.subarray(0, at));
    await write(peer, split.subarray(0, 9));
    await logged(api, id, at + 9);
    // Another peer's chunk lands in the slab between the two halves, so they do not touch in memory either.
    const other = await client(port);
    await write(other, Buffer.from('interloper'));
    await logged(api, id, at + 9 + 10);
    await write(peer, split.subarray(9));
    await write(peer, filler.subarray(at, at + 5 * MiB));
    await write(peer, whole);
    await write(peer, filler.subarray(at + 5 * MiB));
    const total = filler.length + split.length + whole.length + 'interloper'.length;
    await logged(api, id, total);

    for (const [marker, offset] of [
      [split, at],
      [whole, at + split.length + 5 * MiB],
    ] as const) {
      const started = await must(
        api.startLogSearch({ endpointId: id, pattern: { kind: 'text', text: marker.toString() } }),
      );
      expect(started.state).toBe('running');
      const found = await searchDone(api, started.scanId);
      expect(found.status).toMatchObject({ state: 'done', found: 1, done: total, total });
      const m = found.matches[0]!;
      expect(m).toMatchObject({ index: 0, length: marker.length, dir: 'rx', streamOffset: offset });
      // The bytes there are the marker's, read back through the byte window.
      const w = await must(
        api.logStream({
          endpointId: id,
          dir: 'rx',
          peerId: m.peerId,
          offset: m.streamOffset,
          length: marker.length,
        }),
      );
      expect(Buffer.from(w.bytes).equals(marker)).toBe(true);
      expect(w.chunks.seq[0]).toBe(m.seq);
      if (marker === split) {
        // It runs across a chunk boundary: the window lists two chunks.
        expect(w.chunks.seq.length).toBe(2);
        expect(w.chunks.offset[1]).toBe(at + 9);
      }
    }
    // Hex bytes and an encoding other than UTF-8 find the same marker.
    const hex = await must(
      api.startLogSearch({
        endpointId: id,
        dir: 'rx',
        pattern: { kind: 'hex', text: split.toString('hex') },
      }),
    );
    expect((await searchDone(api, hex.scanId)).matches.map((m) => m.streamOffset)).toEqual([at]);
    const tx = await must(
      api.startLogSearch({ endpointId: id, dir: 'tx', pattern: { kind: 'text', text: 'MARKER' } }),
    );
    expect((await searchDone(api, tx.scanId)).status.found).toBe(0);
  });

  it('cancels a runaway regular expression; the TCP echo answered while it ran, and the next search works', async () => {
    const { bridge, api, id, port } = await server();
    const peer = await client(port);
    // A chunk that makes (a+)+(?=b) backtrack for ever (a lookahead: V8's
    // linear engine, which the automation turns on, cannot take it), then ordinary bytes.
    await write(peer, Buffer.from(`${'a'.repeat(40)}!`));
    await logged(api, id, 41);
    await write(peer, Buffer.from('later bytes NEEDLE'));
    await logged(api, id, 41 + 18);

    // A plain echo on this event loop: the loop that serves Wirebench's sockets.
    const echo = net.createServer((s) => s.pipe(s));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => echo.close(resolve)));
    const echoPeer = await client((echo.address() as net.AddressInfo).port);

    const runaway = await must(
      api.startLogSearch({ endpointId: id, pattern: { kind: 'regex', text: '(a+)+(?=b)' } }),
    );
    echoPeer.socket.write('ping');
    await echoPeer.waitFor(4);
    // The echo answered while the search was still running.
    const during = await must(api.readLogSearch({ scanId: runaway.scanId, anchor: { index: 0 } }));
    expect(during.status.state).toBe('running');

    const cancelled = await must(api.cancelLogScan({ scanId: runaway.scanId }));
    expect(cancelled.state).toBe('cancelled');
    await eventually(
      () =>
        bridge.events.some(
          (e: WirebenchEvent) =>
            e.type === 'log-scan' && e.scanId === runaway.scanId && e.state === 'cancelled',
        ),
      'the cancelled event',
    );
    const next = await must(
      api.startLogSearch({ endpointId: id, pattern: { kind: 'text', text: 'NEEDLE' } }),
    );
    const found = await searchDone(api, next.scanId);
    expect(found.status.state).toBe('done');
    expect(found.matches.map((m) => m.streamOffset)).toEqual([41 + 12]);
    // A closed search is gone, with a sentence that says so.
    await must(api.closeLogScan({ scanId: runaway.scanId }));
    const gone = await api.readLogSearch({ scanId: runaway.scanId, anchor: { index: 0 } });
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(inEnglish(gone.error.message)).toMatch(/no search or filter/);
  });

  it('stops a runaway regular expression nobody cancels, so the searches after it (of any window) still run', async () => {
    const { api, id, port } = await server({ scanJobLimitMs: 1000 });
    const peer = await client(port);
    await write(peer, Buffer.from(`${'a'.repeat(40)}!`));
    await logged(api, id, 41);
    await write(peer, Buffer.from('later bytes NEEDLE'));
    await logged(api, id, 41 + 18);

    // A window starts it and goes away: nobody will ever cancel it. (A lookahead keeps
    // V8 from falling back to its linear engine, which the automation's rules turn on.)
    const runaway = await must(
      api.startLogSearch({ endpointId: id, pattern: { kind: 'regex', text: '(a+)+(?=b)' } }),
    );
    const next = await must(
      api.startLogSearch({ endpointId: id, pattern: { kind: 'text', text: 'NEEDLE' } }),
    );
    const found = await searchDone(api, next.scanId);
    expect(found.status.state).toBe('done');
    expect(found.matches.map((m) => m.streamOffset)).toEqual([41 + 12]);
    const stopped = await must(api.readLogSearch({ scanId: runaway.scanId, anchor: { index: 0 } }));
    expect(stopped.status.state).toBe('failed');
    expect(stopped.status.error).toMatchObject({
      code: 'search.stopped',
      params: { reason: { code: 'search.runaway-stopped', params: { seconds: 1 } } },
    });
  }, 45_000);

  it('says why a pattern cannot be looked for', async () => {
    const { api, id } = await server();
    const bad = async (pattern: {
      kind: 'text' | 'hex' | 'regex';
      text: string;
      encoding?: 'ascii';
    }) => {
      const r = await api.startLogSearch({ endpointId: id, pattern });
      return r.ok ? 'ok' : inEnglish(r.error.message);
    };
    expect(await bad({ kind: 'hex', text: '0d 0' })).toMatch(/hex pattern is not valid/);
    expect(await bad({ kind: 'regex', text: '(' })).toMatch(/regular expression is not valid/);
    expect(await bad({ kind: 'text', text: 'é', encoding: 'ascii' })).toMatch(
      /cannot be looked for in ascii/,
    );
    expect(await bad({ kind: 'text', text: '' })).toMatch(
      /pattern\.text: Too small: expected string to have >=1 characters/,
    );
  });
});

describe('find in the built browser-mode server', () => {
  let serve: ServeProcess | null = null;
  afterEach(async () => serve?.stop());

  it('runs the search worker from the bundle, over the WebSocket', async () => {
    serve = await startServe();
    const api = await connectServe(serve);
    cleanups.push(() => api.close());
    const call = api.must;
    const opened = await call('openEndpoint', {
      spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 },
    });
    const peer = await client(opened.local!.port);
    peer.socket.write('one two NEEDLE three');
    await eventually(
      async () => (await call('logRowCount', { endpointId: opened.id })).total > 0,
      'the bytes logged',
    );
    const started = await call('startLogSearch', {
      endpointId: opened.id,
      pattern: { kind: 'text', text: 'NEEDLE' },
    });
    const read = () => call('readLogSearch', { scanId: started.scanId, anchor: { index: 0 } });
    await eventually(
      async () => (await read()).status.state !== 'running',
      'the search in the built server',
    );
    const found = await read();
    expect(found.status).toMatchObject({ state: 'done', found: 1 });
    expect(found.matches[0]).toMatchObject({ streamOffset: 8, length: 6 });
  });
});
