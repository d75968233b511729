// A peer that writes to 127.0.0.1:<port> and exits. Modes:
//   bulk  <bytes>             as fast as it can, 64 KiB writes, respecting backpressure
//   small <count> <size>      `count` separate writes of `size` bytes each, as fast as it can
//   rate  <msgs/s> <size> <seconds>  paced messages (a timestamp-free payload)
import net from 'node:net';

const [port, mode, a, b, c] = process.argv.slice(2);
const socket = net.connect(Number(port), '127.0.0.1');
socket.setNoDelay(true);
socket.on('error', (err) => {
  console.error(`peer: ${err.message}`);
  process.exit(1);
});

const drain = () => new Promise((resolve) => socket.once('drain', resolve));

async function bulk(total) {
  const block = Buffer.alloc(64 * 1024, 0x5a);
  for (let sent = 0; sent < total;) {
    const n = Math.min(block.length, total - sent);
    sent += n;
    if (!socket.write(n === block.length ? block : block.subarray(0, n))) await drain();
  }
}

async function small(count, size) {
  const message = Buffer.alloc(size, 0x41);
  for (let i = 0; i < count; i++) {
    if (!socket.write(message)) await drain();
  }
}

async function rate(perSecond, size, seconds) {
  const message = Buffer.alloc(size, 0x42);
  const total = Math.round(perSecond * seconds);
  const start = performance.now();
  for (let i = 0; i < total;) {
    const due = Math.floor(((performance.now() - start) / 1000) * perSecond) + 1;
    for (; i < Math.min(due, total); i++) if (!socket.write(message)) await drain();
    await new Promise((r) => setTimeout(r, Math.max(1, Math.min(100, 1000 / perSecond))));
  }
}

socket.once('connect', async () => {
  if (mode === 'bulk') await bulk(Number(a));
  else if (mode === 'small') await small(Number(a), Number(b));
  else if (mode === 'rate') await rate(Number(a), Number(b), Number(c));
  else throw new Error(`unknown mode ${mode}`);
  socket.end(() => process.exit(0));
});
