import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageRef, Result } from '../../src/shared/contract';
import { randomBytes } from '../helpers/random-bytes';
import { sha256 } from '../helpers/sha256';
import { eventually } from '../helpers/peers';
import { heldBytes } from '../helpers/kernel-sockets';
import { sendBackend, sendSink, type Cleanup } from '../helpers/send-backend';
import { englishOf } from '../../src/shared/messages/plain-formats';
import { inEnglish } from '../helpers/english';

/**
 * A file payload of 8 MiB through the router, as the window sends it: the
 * main process composes it from the chosen file, writes it in slices to a
 * peer that reads slowly (so backpressure really holds the send back), and
 * reports progress as it goes. The peer gets every byte; the digests match.
 */
const cleanup: Cleanup = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const setup = () => sendBackend(cleanup);
const sink = (options: Parameters<typeof sendSink>[1] = {}) => sendSink(cleanup, options);

describe('large sends', () => {
  it('sends 8 MiB from a file to a slow reader with progress, every byte arriving', async () => {
    const { call, progress } = setup();
    const peer = await sink({ slowReadBytes: 256 * 1024 });
    const data = new Uint8Array(randomBytes(8 * 1024 * 1024, 1));
    const file = await call<{ id: string; size: number; head: Uint8Array }>('registerPayloadFile', {
      name: 'firmware.bin',
      data,
    });
    expect(file.size).toBe(data.length);
    expect([...file.head]).toEqual([...data.subarray(0, 32)]);

    const endpoint = await call<{ id: string }>('openEndpoint', {
      spec: { kind: 'tcp-client', host: '127.0.0.1', port: peer.port },
    });
    const result = await call<{ bytes: number; payloadBytes: number }>('sendPayload', {
      endpointId: endpoint.id,
      spec: { mode: 'hex', source: `{{file:${file.id}}}` },
      sendId: 'big1',
    });
    expect(result).toEqual({ bytes: data.length, peers: 1, payloadBytes: data.length });

    await peer.waitForBytes(data.length, 60_000);
    expect(peer.size()).toBe(data.length);
    expect(peer.digest()).toBe(sha256(data));

    await expect.poll(() => progress.some((e) => e.done)).toBe(true);
    const running = progress.filter((e) => !e.done);
    expect(running.length).toBeGreaterThanOrEqual(8);
    expect(running.every((e) => e.sendId === 'big1' && e.total === data.length)).toBe(true);
    const sent = running.map((e) => e.sent);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({
      type: 'send-progress',
      endpointId: endpoint.id,
      sendId: 'big1',
      sent: data.length,
      total: data.length,
      done: true,
    });
  });

  it('cancels a send to a peer that never reads: counted bytes are what reached the kernel, and the connection still works', async () => {
    const { backend, call, progress } = setup();
    const peer = await sink({ paused: true });
    const data = new Uint8Array(randomBytes(32 * 1024 * 1024, 2));
    const file = await call<{ id: string }>('registerPayloadFile', { name: 'big.bin', data });
    const endpoint = await call<{ id: string }>('openEndpoint', {
      spec: { kind: 'tcp-client', host: '127.0.0.1', port: peer.port },
    });
    const txBytes = () => backend.engine.get(endpoint.id).counters.txBytes;
    const sending = backend.router.handle('sendPayload', {
      endpointId: endpoint.id,
      spec: { mode: 'hex', source: `{{file:${file.id}}}` },
      sendId: 'stuck1',
    });
    // The kernel's buffers fill and the send stalls: progress stops short of the end.
    await eventually(() => progress.some((e) => e.sendId === 'stuck1' && e.sent > 0), 'progress');
    expect(await call('cancelSend', { sendId: 'stuck1' })).toEqual({ cancelled: true });
    const result = (await sending) as Result<{
      bytes: number;
      peers: number;
      cancelled?: MessageRef;
    }>;
    if (!result.ok) throw new Error(englishOf(result.error.message));
    const { bytes, cancelled } = result.value;
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(data.length);
    expect(inEnglish(cancelled)).toBe(
      `Send cancelled: ${bytes.toLocaleString('en-US')} of ${data.length.toLocaleString('en-US')} bytes had reached the system; the rest was not sent. The connection stays open; a last piece already handed to it (at most 256 KiB) still goes, and is logged, if the peer reads.`,
    );
    // Counted and logged: exactly what the send reported, no byte that did not reach the kernel.
    expect(txBytes()).toBe(bytes);
    // ss reads one end after the other: a segment the receiver has queued but whose
    // ACK the sender has not yet seen counts twice. Read until two readings agree.
    let inKernel = -1;
    await eventually(() => {
      const now = heldBytes(peer.port);
      const settled = now === inKernel;
      inKernel = now;
      return settled;
    }, 'the kernel queues to settle');
    expect(peer.size()).toBe(0);
    expect(inKernel).toBeGreaterThanOrEqual(txBytes());
    expect(inKernel - bytes).toBeLessThanOrEqual(256 * 1024);
    await expect
      .poll(() => progress.at(-1))
      .toEqual({
        type: 'send-progress',
        endpointId: endpoint.id,
        sendId: 'stuck1',
        sent: bytes,
        total: data.length,
        done: true,
      });
    // Cancelling again finds nothing running.
    expect(await call('cancelSend', { sendId: 'stuck1' })).toEqual({ cancelled: false });

    // The connection is still usable: a later send goes out after what the socket held.
    peer.resume();
    const end = Buffer.from('END');
    await call('send', { endpointId: endpoint.id, data: end });
    const total = txBytes();
    expect(total - end.length - bytes).toBeLessThanOrEqual(256 * 1024);
    await peer.waitForBytes(total);
    expect(peer.size()).toBe(total);
    const expected = Buffer.concat([data.subarray(0, total - end.length), end]);
    expect(peer.digest()).toBe(sha256(expected));
    const logged = Buffer.concat(
      backend.engine.log
        .read(endpoint.id, -1, 1_000_000)
        .filter((c) => c.dir === 'tx')
        .map((c) => Buffer.from(c.data)),
    );
    expect(sha256(logged)).toBe(sha256(expected));
  });

  it('reads a dialog-chosen file at send time, and appends a checksum after it', async () => {
    const { files, call } = setup();
    const peer = await sink();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-file-'));
    const file = path.join(dir, 'frame.bin');
    writeFileSync(file, Buffer.from([0x01, 0x03, 0x00, 0x00]));
    const info = await files.addPath(file);
    expect(info).toMatchObject({ name: 'frame.bin', size: 4 });
    writeFileSync(file, Buffer.from([0x01, 0x03, 0x00, 0x00, 0x00, 0x0a])); // rebuilt since

    const endpoint = await call<{ id: string }>('openEndpoint', {
      spec: { kind: 'tcp-client', host: '127.0.0.1', port: peer.port },
    });
    const spec = {
      mode: 'hex',
      source: `{{file:${info.id}}}`,
      checksum: { id: 'crc16-modbus', order: 'le' },
    };
    const preview = await call<{ ok: boolean; length: number; head: Uint8Array }>(
      'previewPayload',
      { spec },
    );
    expect(preview.length).toBe(8);
    expect([...preview.head]).toEqual([0x01, 0x03, 0x00, 0x00, 0x00, 0x0a, 0xc5, 0xcd]);
    await call('sendPayload', { endpointId: endpoint.id, spec });
    expect([...(await peer.waitForBytes(8))]).toEqual([
      0x01, 0x03, 0x00, 0x00, 0x00, 0x0a, 0xc5, 0xcd,
    ]);
  });

  it('refuses a file over 64 MiB and a file id nobody chose, with sentences', async () => {
    const { call } = setup();
    await expect(
      call('registerPayloadFile', {
        name: 'huge.bin',
        data: new Uint8Array(64 * 1024 * 1024 + 1),
      }),
    ).rejects.toThrow(/The data is larger than 64 MiB/);
    const preview = await call<{ ok: boolean; issues: Array<{ message: string }> }>(
      'previewPayload',
      { spec: { mode: 'hex', source: '01 {{file:nobody}}' } },
    );
    expect(preview.ok).toBe(false);
    expect(inEnglish(preview.issues[0]?.message)).toBe(
      "{{file:nobody}}: file 'nobody' is not loaded; choose it again",
    );
  });
});
