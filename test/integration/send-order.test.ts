import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../src/shared/contract';
import { englishOf } from '../../src/shared/messages/plain-formats';
import { inEnglish } from '../helpers/english';
import { eventually } from '../helpers/peers';
import { randomBytes } from '../helpers/random-bytes';
import { sendBackend, sendSink, type Cleanup } from '../helpers/send-backend';
import { sha256 } from '../helpers/sha256';

/**
 * Sends to one TCP connection that overlap (a second Send while a big one
 * waits on a slow peer, a periodic send beside a manual one) each go out
 * whole, in the order they were made. They used to take turns slice by
 * slice: three overlapping sends reached the peer as 256 KiB pieces of each
 * in turn, so no payload arrived as it was sent. A send waiting its turn can
 * be cancelled without waiting for the one ahead of it.
 */
const cleanup: Cleanup = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

type SendResult = Result<{ bytes: number; peers: number; cancelled?: string }>;
const MiB = 1024 * 1024;

async function connected() {
  const { backend, call, progress } = sendBackend(cleanup);
  const peer = await sendSink(cleanup, { paused: true });
  const endpoint = await call<{ id: string }>('openEndpoint', {
    spec: { kind: 'tcp-client', host: '127.0.0.1', port: peer.port },
  });
  // Each payload is a chosen file, as a big send from the window is.
  const chosen = async (data: Uint8Array): Promise<string> =>
    (await call<{ id: string }>('registerPayloadFile', { name: 'p.bin', data })).id;
  const sendFile = (fileId: string, sendId?: string): Promise<SendResult> =>
    backend.router.handle('sendPayload', {
      endpointId: endpoint.id,
      spec: { mode: 'hex', source: `{{file:${fileId}}}` },
      ...(sendId ? { sendId } : {}),
    }) as Promise<SendResult>;
  const send = async (data: Uint8Array, sendId?: string): Promise<SendResult> =>
    sendFile(await chosen(data), sendId);
  const txBytes = () => backend.engine.get(endpoint.id).counters.txBytes;
  return { call, progress, peer, chosen, sendFile, send, txBytes };
}

describe('overlapping sends to one connection', () => {
  it('each goes out whole, in the order they were made', async () => {
    const { peer, chosen, sendFile } = await connected();
    // The first fills the kernel's buffers (the peer reads nothing yet), so the others wait.
    const payloads = [8 * MiB, MiB, MiB].map((n, i) => new Uint8Array(randomBytes(n, 10 + i)));
    const ids = await Promise.all(payloads.map(chosen));
    const sends = ids.map((id) => sendFile(id));
    peer.resume();
    const results = await Promise.all(sends);
    expect(results.map((r) => r.ok && r.value.bytes)).toEqual(payloads.map((p) => p.length));
    const total = payloads.reduce((n, p) => n + p.length, 0);
    await peer.waitForBytes(total);
    expect(peer.digest()).toBe(sha256(Buffer.concat(payloads)));
  });

  it('a send waiting its turn is cancelled at once, and the one ahead of it goes on', async () => {
    const { call, peer, send, chosen, sendFile, txBytes } = await connected();
    const first = new Uint8Array(randomBytes(16 * MiB, 20));
    const later = await chosen(new Uint8Array(MiB).fill(0x42));
    const sending = send(first, 'ahead');
    await eventually(() => txBytes() > 0, 'the first send under way');
    const waiting = sendFile(later, 'behind');
    // Its payload is composed in a few turns; then it has reached the connection.
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(await call('cancelSend', { sendId: 'behind' })).toEqual({ cancelled: true });
    const cancelled = await waiting;
    expect(cancelled.ok && cancelled.value.bytes).toBe(0);
    expect(cancelled.ok && inEnglish(cancelled.value.cancelled)).toMatch(
      /^Send cancelled: 0 of 1,048,576 bytes/,
    );
    // Nothing of it reached the peer: once it reads, it gets the first payload whole, alone.
    peer.resume();
    const done = await sending;
    expect(done.ok && done.value).toEqual({
      bytes: first.length,
      peers: 1,
      payloadBytes: first.length,
    });
    await peer.waitForBytes(first.length);
    expect(peer.digest()).toBe(sha256(first));
    expect(txBytes()).toBe(first.length);
  });

  it('cancelling the send ahead lets the next one start', async () => {
    const { call, peer, send, chosen, sendFile, txBytes } = await connected();
    const first = new Uint8Array(randomBytes(32 * MiB, 30));
    const second = new Uint8Array(randomBytes(MiB, 31));
    const secondId = await chosen(second);
    const sending = send(first, 'stuck');
    await eventually(() => txBytes() > 0, 'the first send under way');
    const next = sendFile(secondId, 'next');
    expect(await call('cancelSend', { sendId: 'stuck' })).toEqual({ cancelled: true });
    const stopped = await sending;
    if (!stopped.ok) throw new Error(englishOf(stopped.error.message));
    peer.resume();
    const went = await next;
    expect(went.ok && went.value.bytes).toBe(second.length);
    // The first send's part (and the slice the socket held), then the second whole.
    const total = txBytes();
    await peer.waitForBytes(total);
    const firstPart = total - second.length;
    expect(firstPart).toBeGreaterThanOrEqual(stopped.value.bytes);
    expect(peer.digest()).toBe(sha256(Buffer.concat([first.subarray(0, firstPart), second])));
  });
});
