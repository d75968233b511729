/**
 * The baselines: a bare Node net.Server that counts and discards, or (with
 * --ring-mib) one that also copies every chunk into a preallocated ring of
 * that size, the least any log of that size can cost. The ring's pages are
 * first touched by the copies (as any log filling its budget touches new
 * memory), unless --warm, which touches them all before the clock starts:
 * the copy alone. Timed exactly as the Wirebench host is (report-ready.ts).
 */
import net from 'node:net';
import { parseArgs } from 'node:util';
import { startReporter } from './report-ready';

const { values } = parseArgs({
  options: {
    expect: { type: 'string' },
    'ring-mib': { type: 'string', default: '0' },
    warm: { type: 'boolean', default: false },
  },
});
const ring = Buffer.alloc(Number(values['ring-mib']) * 1024 * 1024);
if (values.warm) ring.fill(1);
let ringAt = 0;
let bytes = 0;
let chunks = 0;
const server = net.createServer((socket) => {
  socket.on('data', (data: Buffer) => {
    bytes += data.length;
    chunks++;
    if (ring.length >= data.length) {
      if (ringAt + data.length > ring.length) ringAt = 0;
      data.copy(ring, ringAt);
      ringAt += data.length;
    }
  });
  socket.on('error', () => undefined);
});
server.listen(0, '127.0.0.1', () => {
  startReporter({
    port: (server.address() as net.AddressInfo).port,
    expected: Number(values.expect),
    counted: () => ({ bytes, chunks }),
  });
});
