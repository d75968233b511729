/**
 * A fast local sender: connects to 127.0.0.1:<port> and writes <bytes> of
 * the self-describing flood (flood-stream.ts), the marker at <markerAt>
 * (-1: none), as fast as the socket takes it, then ends and exits. Run
 * with jiti (spawnFloodWriter in peers.ts).
 */
import net from 'node:net';
import { FLOOD_BLOCK, makeBlockWriter } from '../flood-stream';

const [port, bytes, markerAt] = process.argv.slice(2).map(Number) as [number, number, number];
const block = makeBlockWriter();
const socket = net.connect(port, '127.0.0.1');
socket.on('error', (err) => {
  console.error(`flood-writer: ${err.message}`);
  process.exit(1);
});
socket.once('connect', () => {
  let sent = 0;
  const pump = (): void => {
    while (sent < bytes) {
      const n = Math.min(FLOOD_BLOCK, bytes - sent);
      // The block buffer is reused: each write gets its own copy.
      const data = Buffer.from(block(sent, markerAt).subarray(0, n));
      sent += n;
      if (!socket.write(data)) return void socket.once('drain', pump);
    }
    socket.end(() => process.exit(0));
  };
  pump();
});
