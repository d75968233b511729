import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, type PeerProcess } from '../helpers/peers';
import { batches, frame, pythonSender, variedDatagrams } from '../helpers/udp-peers';

/**
 * The UDP endpoint lets a received chunk keep dgram's buffer instead of a
 * view of the log's copy (CaptureLog.append's `owned`). That is only right
 * while Node gives every datagram a buffer of its own, never written again:
 * this pins it, against datagrams Python sends.
 */
let py: PeerProcess | null = null;
let socket: dgram.Socket | null = null;
afterEach(() => {
  py?.kill();
  socket?.close();
  py = socket = null;
});

describe("dgram's received buffers", () => {
  it('are one per datagram, and keep their bytes after later datagrams arrive', async () => {
    const sent = variedDatagrams(300, 9000);
    const got: Buffer[] = [];
    const s = (socket = dgram.createSocket('udp4'));
    s.on('message', (data) => got.push(data));
    await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
    py = pythonSender('127.0.0.1', s.address().port);
    let expected = 0;
    for (const batch of batches(sent)) {
      py.write(Buffer.concat(batch.map(frame)));
      expected += batch.length;
      await eventually(() => got.length >= expected, `${expected} datagrams`);
    }
    expect(new Set(got.map((b) => b.buffer)).size).toBe(sent.length);
    const changed = got.filter((b, i) => Buffer.compare(b, sent[i]!) !== 0).length;
    expect(changed).toBe(0);
  });
});
