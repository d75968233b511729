// Many TCP clients in one process of their own: `count` connections to
// 127.0.0.1:<port> opened at once. Prints {startedAt} (epoch ms) just before
// the first connect (once the sockets exist: building 15,000 of them took
// 0.2 to 0.9 s, which no server had any part in) and {connected, failed, at}
// once every client connected or failed (the kernel's handshake, not the
// server's accept: a client is connected while it waits in the backlog). Then idle, until told on stdin: `trickle`, client 0 writes one
// byte a second; `churn`, every 100 ms one client resets and a new one
// connects (peers that come and go). Holds the connections until stdin
// closes or `holdS` seconds pass, then exits. Source addresses rotate over
// 127.0.0.1-127.0.0.8, so ports never run out.
import net from 'node:net';

import { createInterface } from 'node:readline';

const [port, count, holdS] = process.argv.slice(2, 5).map(Number);
const now = () => performance.timeOrigin + performance.now();
const sockets = [];
let connected = 0;
let failed = 0;
let reported = false;

function settle() {
  if (reported || connected + failed < count) return;
  reported = true;
  console.log(JSON.stringify({ connected, failed, at: now() }));
}

function trickle() {
  setInterval(() => sockets[0]?.write('x'), 1000).unref();
}

function churn() {
  let next = 0;
  setInterval(() => {
    const i = next++ % sockets.length;
    sockets[i]?.resetAndDestroy();
    sockets[i] = open(i);
  }, 100).unref();
}

function open(i) {
  const socket = net.connect({ port, host: '127.0.0.1', localAddress: `127.0.0.${1 + (i % 8)}` });
  socket.on('error', () => undefined);
  socket.on('data', () => undefined);
  return socket;
}

// net.connect() to an address connects on the next tick: this tick, queued
// first, runs once every socket below exists and before any of them connects.
process.nextTick(() => console.log(JSON.stringify({ startedAt: now() })));
for (let i = 0; i < count; i++) {
  const socket = open(i);
  socket.once('connect', () => {
    connected++;
    settle();
  });
  socket.once('error', () => {
    failed++;
    settle();
  });
  sockets.push(socket);
}
// Reset, not closed: a close leaves each client's port in TIME_WAIT for a
// minute, and binding the next run's 15,000 clients among ~50,000 such
// ports made the kernel's port search (not the server under test) take
// up to 20 s, from one run to the next.
const end = () => {
  for (const socket of sockets) socket.resetAndDestroy();
  process.exit(0);
};
setTimeout(end, holdS * 1000);
const commands = createInterface({ input: process.stdin });
commands.on('line', (line) => ({ trickle, churn })[line.trim()]?.());
commands.on('close', end);
