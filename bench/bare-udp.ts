/**
 * The UDP baseline: a bare dgram socket with the same receive buffer as the
 * Wirebench endpoint, counting datagrams. Speaks the scale protocol
 * (scale-protocol.ts).
 */
import dgram from 'node:dgram';
import { parseArgs } from 'node:util';
import { cpuMs, kernelDrops, serveReports, watchCount } from './scale-protocol';

const { values } = parseArgs({ options: { rcvbuf: { type: 'string', default: '8388608' } } });
const socket = dgram.createSocket('udp4');
let received = 0;
socket.on('message', () => {
  received++;
});
const seen = watchCount(() => received);
socket.bind(0, '127.0.0.1', () => {
  socket.setRecvBufferSize(Number(values.rcvbuf));
  const port = socket.address().port;
  const report = () => ({
    received,
    ms: seen.last - seen.first,
    cpuMs: cpuMs(),
    kernelDrops: kernelDrops(port),
    appDrops: null,
  });
  serveReports(
    { port, rcvbuf: socket.getRecvBufferSize() },
    {
      report,
      restart: () => {
        seen.restart();
        return report();
      },
    },
  );
});
