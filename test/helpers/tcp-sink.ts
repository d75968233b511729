import { createHash } from 'node:crypto';
import net from 'node:net';

/**
 * A plain Node TCP server on loopback that counts and hashes every byte it
 * receives and keeps the first MiB of them: the peer for "the device got
 * exactly these bytes" checks (small frames byte for byte, big ones by digest). With
 * `slowReadBytes` it reads that many bytes per 10 ms tick and pauses in
 * between, so a big send has to wait on backpressure. With `paused` it reads
 * nothing until `resume()`: a sender's progress stalls where the kernel's
 * buffers are full, a state a test can look at without racing.
 */
export interface TcpSink {
  port: number;
  received(): Buffer;
  size(): number;
  digest(): string;
  waitForBytes(n: number, ms?: number): Promise<Buffer>;
  /** Starts reading (for a sink started `paused`). */
  resume(): void;
  close(): Promise<void>;
}

export async function startTcpSink(
  options: { slowReadBytes?: number; paused?: boolean } = {},
): Promise<TcpSink> {
  let paused = options.paused ?? false;
  const parts: Buffer[] = [];
  const hash = createHash('sha256');
  let size = 0;
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const take = (data: Buffer): void => {
      size += data.length;
      hash.update(data);
      if (size <= 1024 * 1024) parts.push(data);
    };
    const slow = options.slowReadBytes;
    if (!slow) {
      if (paused) socket.pause();
      socket.on('data', take);
      if (paused) socket.pause();
      return;
    }
    // Paused mode: read a little per tick, so the sender's kernel buffers fill up.
    socket.pause();
    const tick = setInterval(() => {
      let budget = slow;
      let chunk: Buffer | null;
      while (budget > 0 && (chunk = socket.read() as Buffer | null) !== null) {
        if (chunk.length > budget) {
          socket.unshift(chunk.subarray(budget));
          chunk = chunk.subarray(0, budget);
        }
        budget -= chunk.length;
        take(chunk);
      }
    }, 10);
    timers.add(tick);
    socket.on('close', () => {
      clearInterval(tick);
      timers.delete(tick);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  let digest: string | null = null;
  return {
    port,
    received: () => Buffer.concat(parts),
    size: () => size,
    digest: () => (digest ??= hash.digest('hex')),
    waitForBytes: async (n, ms = 20_000) => {
      const deadline = Date.now() + ms;
      while (size < n) {
        if (Date.now() > deadline)
          throw new Error(`The sink got ${size} of ${n} bytes in ${ms} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return Buffer.concat(parts);
    },
    resume: () => {
      paused = false;
      sockets.forEach((s) => s.resume());
    },
    close: async () => {
      timers.forEach(clearInterval);
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
