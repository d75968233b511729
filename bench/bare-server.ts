/**
 * The baselines: a bare Node net.Server that counts and discards, or (with
 * --ring-mib) one that also copies every chunk into a preallocated ring of
 * that size, the least any log of that size can cost. The ring's pages are
 * first touched by the copies (as any log filling its budget touches new
 * memory), unless --warm, which touches them all before the clock starts:
 * the copy alone. With --landing it reads into one reused buffer as
 * Wirebench does (landing-reads.ts) instead of Node's fresh Buffer per
 * read: the best any server reading that way can do. Timed exactly as the
 * Wirebench host is (report-ready.ts).
 */
import net from 'node:net';
import { parseArgs } from 'node:util';
import { acceptedSocketsUseLanding, readBytes } from '../src/main/engine/tcp/landing-reads';
import { startReporter } from './report-ready';

const { values } = parseArgs({
  options: {
    expect: { type: 'string' },
    'ring-mib': { type: 'string', default: '0' },
    warm: { type: 'boolean', default: false },
    landing: { type: 'boolean', default: false },
  },
});
if (values.landing && !acceptedSocketsUseLanding()) {
  throw new Error('this Node cannot read accepted sockets into a reused buffer');
}
const ring = Buffer.alloc(Number(values['ring-mib']) * 1024 * 1024);
if (values.warm) ring.fill(1);
let ringAt = 0;
let bytes = 0;
let chunks = 0;
const onBytes = (data: Uint8Array): void => {
  bytes += data.length;
  chunks++;
  if (ring.length >= data.length) {
    if (ringAt + data.length > ring.length) ringAt = 0;
    ring.set(data, ringAt);
    ringAt += data.length;
  }
};
const server = net.createServer({ pauseOnConnect: values.landing }, (socket) => {
  if (values.landing) readBytes(socket, onBytes);
  else socket.on('data', onBytes);
  socket.on('error', () => undefined);
});
server.listen(0, '127.0.0.1', () => {
  startReporter({
    port: (server.address() as net.AddressInfo).port,
    expected: Number(values.expect),
    counted: () => ({ bytes, chunks }),
  });
});
