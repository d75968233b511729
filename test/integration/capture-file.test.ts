import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { endpointSpec, type Result } from '../../src/shared/contract';
import type { CaptureFileStatus } from '../../src/shared/contract/ops/capture-ops';
import { createBackend, type Backend } from '../../src/main/core/backend';
import { CaptureFile } from '../../src/main/engine/capture/capture-file';
import { eventually, spawnPeer, type PeerProcess } from '../helpers/peers';
import { readPcapngTcp, type Segment } from '../helpers/pcapng-read';
import { randomBytes } from '../helpers/random-bytes';
import { must } from '../helpers/result';
import { sha256 } from '../helpers/sha256';
import { englishOf } from '../../src/shared/messages/plain-formats';
import { inEnglish } from '../helpers/english';
import { expectChinese } from '../helpers/chinese';

/**
 * Capture to disk: what a real peer sent is in the pcapng file byte for
 * byte, tshark reads the file, the path is never the window's to choose,
 * and a disk that falls behind costs counted chunks, not memory.
 */
let dir: string;
let capturesDir: string;
const backends: Backend[] = [];
const peers: PeerProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-capfile-'));
  capturesDir = path.join(dir, 'captures');
});
afterEach(async () => {
  peers.splice(0).forEach((p) => p.kill());
  await Promise.all(backends.splice(0).map((b) => b.dispose()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function backend(): Backend {
  const b = createBackend({ version: 'test', mode: 'browser' }, { capturesDir });
  backends.push(b);
  return b;
}

function call<T>(b: Backend, op: string, payload: unknown): Promise<T> {
  return must(b.router.handle(op, payload) as Promise<Result<T>>);
}

/** A TCP server on a free loopback port, opened straight on the engine. */
const openServer = (b: Backend) =>
  b.engine.open(endpointSpec.parse({ kind: 'tcp-server', host: '127.0.0.1', port: 0 }));
const payloadFrom = (segments: Segment[], srcPort: number): Buffer =>
  Buffer.concat(segments.filter((s) => s.srcPort === srcPort).map((s) => s.payload));

describe('capture to disk', () => {
  it('24 MiB from socat are in the pcapng file exactly, with continuous sequence numbers', async () => {
    const b = backend();
    const server = await openServer(b);
    const started = await call<CaptureFileStatus>(b, 'startCapture', { endpointId: server.id });
    expect(path.dirname(started.path)).toBe(capturesDir);
    expect(started).toMatchObject({ active: true, format: 'pcapng', chunks: 0 });

    const data = randomBytes(24 * 1024 * 1024, 1);
    const source = path.join(dir, 'source.bin');
    writeFileSync(source, data);
    const socat = spawnPeer('socat', [
      '-u',
      `OPEN:${source},rdonly`,
      `TCP:127.0.0.1:${server.local!.port}`,
    ]);
    peers.push(socat);
    await socat.exited();
    await eventually(
      () => b.engine.get(server.id).counters.rxBytes === data.length,
      '24 MiB counted',
      20_000,
    );
    const stopped = await call<CaptureFileStatus>(b, 'stopCapture', { endpointId: server.id });
    expect(stopped).toMatchObject({
      active: false,
      payloadBytes: data.length,
      chunks: b.engine.get(server.id).counters.rxChunks,
      missedChunks: 0,
      missedBytes: 0,
      error: null,
    });

    const file = readFileSync(stopped.path);
    expect(file.length).toBe(stopped.fileBytes);
    const segments = readPcapngTcp(file);
    const peerPort = segments[0]!.srcPort;
    // The peer opened the connection: SYN from it, SYN/ACK back, ACK.
    expect(segments.slice(0, 3).map((s) => s.flags)).toEqual([0x02, 0x12, 0x10]);
    expect(segments[0]!.dstPort).toBe(server.local!.port);
    const rx = payloadFrom(segments, peerPort);
    expect(rx.length).toBe(data.length);
    expect(sha256(rx)).toBe(sha256(data));
    // Every data segment starts where the previous one ended.
    const data_ = segments.filter((s) => s.srcPort === peerPort && s.payload.length > 0);
    for (let i = 1; i < data_.length; i++) {
      expect(data_[i]!.seq).toBe((data_[i - 1]!.seq + data_[i - 1]!.payload.length) >>> 0);
    }
    // The window sees where the file is.
    const status = await call<{ captures: CaptureFileStatus[] }>(b, 'logStatus', {});
    expect(status.captures).toEqual([stopped]);
  });

  it('a client conversation in both directions is read back by tshark', async () => {
    // A Python echo server as the peer.
    const echo = spawnPeer('python3', [
      '-c',
      [
        'import socket',
        's = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)',
        'print(s.getsockname()[1], flush=True)',
        'c, _ = s.accept()',
        'while True:',
        '    d = c.recv(65536)',
        '    if not d: break',
        '    c.sendall(d)',
      ].join('\n'),
    ]);
    peers.push(echo);
    const port = Number((await echo.waitForBytes(2)).toString().trim());
    const b = backend();
    const client = await b.engine.open({
      kind: 'tcp-client',
      host: '127.0.0.1',
      port,
      timeoutMs: 5000,
      noDelay: true,
      keepAlive: false,
      keepAliveDelayMs: 10_000,
      autoReconnect: false,
    });
    const started = await call<CaptureFileStatus>(b, 'startCapture', { endpointId: client.id });
    const messages = [
      Buffer.from('AT\r\n'),
      Buffer.from([0, 1, 2, 0xfe, 0xff]),
      randomBytes(3000, 2),
    ];
    const total = messages.reduce((n, m) => n + m.length, 0);
    for (const m of messages) await b.engine.send(client.id, undefined, m);
    await eventually(() => b.engine.get(client.id).counters.rxBytes === total, 'the echo');
    const stopped = await call<CaptureFileStatus>(b, 'stopCapture', {
      endpointId: started.endpointId,
    });
    expect(stopped.payloadBytes).toBe(2 * total);

    const fields = execFileSync(
      'tshark',
      [
        '-r',
        stopped.path,
        '-T',
        'fields',
        '-E',
        'separator=,',
        '-e',
        'tcp.srcport',
        '-e',
        'tcp.payload',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const sent: string[] = [];
    const echoed: string[] = [];
    for (const line of fields.trim().split('\n')) {
      const [src, hex] = line.split(',');
      if (!hex) continue;
      (Number(src) === port ? echoed : sent).push(hex.replace(/:/g, ''));
    }
    const expected = Buffer.concat(messages).toString('hex');
    expect(sent.join('')).toBe(expected);
    expect(echoed.join('')).toBe(expected);
    // No dissector complaint about the synthesized framing.
    const expert = execFileSync(
      'tshark',
      [
        '-r',
        stopped.path,
        '-Y',
        '_ws.malformed || tcp.analysis.flags && !tcp.analysis.window_update',
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(expert.trim()).toBe('');
  });

  it('the window never names the file: a path in the request is refused', async () => {
    const b = backend();
    const server = await openServer(b);
    const r = await b.router.handle('startCapture', {
      endpointId: server.id,
      path: '/etc/passwd',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const stop = await b.router.handle('stopCapture', { endpointId: server.id });
    expect(inEnglish(stop)).toMatchObject({
      ok: false,
      error: { code: 'wrong-state', message: expect.stringContaining('no capture') },
    });
  });

  it('when the disk falls behind, chunks are counted as missed and memory stays bounded', async () => {
    const problems: string[] = [];
    const file = new CaptureFile(
      'e9',
      capturesDir,
      (m) => {
        expectChinese(m, 'capture.falling-behind');
        problems.push(englishOf(m));
      },
      64 * 1024,
    );
    const describe = () => ({
      local: { address: '127.0.0.1', port: 9000 },
      remote: { address: '127.0.0.1', port: 40000 },
      initiator: 'remote' as const,
    });
    const chunk = randomBytes(16 * 1024, 3);
    // Synchronous writes: nothing reaches the disk in between, as with a disk that is far behind.
    for (let i = 0; i < 100; i++) {
      file.write(
        {
          seq: i,
          endpointId: 'e9',
          peerId: 'p1',
          dir: 'rx',
          time: 1_700_000_000_000_000 + i,
          data: chunk,
        },
        describe,
      );
    }
    // Once the disk caught up, chunks are written again, at their true place in the stream.
    await eventually(() => file.backlogBytes === 0, 'the disk to catch up');
    file.write(
      {
        seq: 100,
        endpointId: 'e9',
        peerId: 'p1',
        dir: 'rx',
        time: 1_700_000_000_000_100,
        data: chunk,
      },
      describe,
    );
    const status = await file.stop();
    expect(status.chunks).toBe(5);
    expect(status.missedChunks).toBe(96);
    expect(status.missedBytes).toBe(96 * chunk.length);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('not keeping up');

    const bytes = readFileSync(status.path);
    expect(status.fileBytes).toBe(bytes.length);
    const data = readPcapngTcp(bytes).filter((s) => s.payload.length > 0);
    expect(data).toHaveLength(5);
    for (const s of data) expect(s.payload.equals(chunk)).toBe(true);
    // The missed chunks still advanced the sequence numbers: the gap shows, nothing is spliced.
    expect(data[4]!.seq - data[0]!.seq).toBe(100 * chunk.length);
    expect(data[3]!.seq - data[0]!.seq).toBe(3 * chunk.length);
  });

  it('two captures of one connection get two files; removing the connection closes its file', async () => {
    const b = backend();
    const server = await openServer(b);
    const first = await call<CaptureFileStatus>(b, 'startCapture', { endpointId: server.id });
    await call(b, 'stopCapture', { endpointId: server.id });
    const second = await call<CaptureFileStatus>(b, 'startCapture', { endpointId: server.id });
    expect(second.path).not.toBe(first.path);
    const socket = net.connect(server.local!.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.end(Buffer.from('bye'));
    await eventually(() => b.engine.get(server.id).counters.rxBytes === 3, '3 bytes');
    await call(b, 'removeEndpoint', { endpointId: server.id });
    const segments = readPcapngTcp(readFileSync(second.path));
    expect(payloadFrom(segments, segments[0]!.srcPort).toString()).toBe('bye');
    socket.destroy();
  });
});
