// A UDP sender in its own process: `count` datagrams of `size` bytes to
// 127.0.0.1:<port>, at `rate` a second (0: as fast as it can), then prints
// {sent, ms} as one JSON line and exits. Bounded by count and by 60 s.
import dgram from 'node:dgram';

const [port, count, size, rate] = process.argv.slice(2).map(Number);
const socket = dgram.createSocket('udp4');
// A connected socket hears ICMP "port unreachable" as an error: count it, go on.
socket.on('error', () => failed++);
const message = Buffer.alloc(size, 0x55);
const deadline = performance.now() + 60_000;
let sent = 0;
let failed = 0;
const done = (err) => {
  if (err) failed++;
};

/** Sends up to `n` now; libuv sends at once while the socket's queue is empty. */
function burst(n) {
  for (let i = 0; i < n && sent < count; i++, sent++) socket.send(message, done);
}

socket.connect(port, '127.0.0.1', async () => {
  const start = performance.now();
  while (sent < count && performance.now() < deadline) {
    if (rate > 0) {
      const due = Math.min(count, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
      burst(due - sent);
      await new Promise((r) => setTimeout(r, 1));
    } else {
      burst(256);
      await new Promise((r) => setImmediate(r));
    }
  }
  const ms = performance.now() - start;
  socket.close(() => {
    console.log(JSON.stringify({ sent: sent - failed, ms }));
    process.exit(0);
  });
});
