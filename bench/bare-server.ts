/**
 * The baseline: a bare Node net.Server that counts and discards, timed
 * exactly as the Wirebench host is (report-ready.ts).
 */
import net from 'node:net';
import { parseArgs } from 'node:util';
import { startReporter } from './report-ready';

const { values } = parseArgs({ options: { expect: { type: 'string' } } });
let bytes = 0;
let chunks = 0;
const server = net.createServer((socket) => {
  socket.on('data', (data: Buffer) => {
    bytes += data.length;
    chunks++;
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
