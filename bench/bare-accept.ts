/**
 * The accept baseline: a bare net.Server with the given backlog that keeps
 * every peer and notes when `--expect-peers` of them were accepted (epoch
 * ms). Speaks the scale protocol (scale-protocol.ts).
 */
import net from 'node:net';
import { parseArgs } from 'node:util';
import { serveReports } from './scale-protocol';

const { values } = parseArgs({
  options: {
    backlog: { type: 'string', default: '4096' },
    'expect-peers': { type: 'string', default: '0' },
  },
});
const expected = Number(values['expect-peers']);
let peers = 0;
let allAcceptedAt = 0;
const server = net.createServer((socket) => {
  socket.on('error', () => undefined);
  socket.on('close', () => peers--);
  if (++peers === expected) allAcceptedAt = performance.timeOrigin + performance.now();
});
server.listen({ port: 0, host: '127.0.0.1', backlog: Number(values.backlog) }, () => {
  const port = (server.address() as net.AddressInfo).port;
  serveReports({ port }, { report: () => ({ peers, allAcceptedAt }) });
});
