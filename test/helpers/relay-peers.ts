import net from 'node:net';

/** A Node TCP peer that remembers every read separately, and how its connection ended. */
export interface RecordingPeer {
  reads: Buffer[];
  readTimes: number[];
  ended: boolean;
  error: string | null;
  closed: boolean;
  socket: net.Socket | null;
  bytes(): Buffer;
}

function record(socket: net.Socket, peer: RecordingPeer): void {
  socket.setNoDelay(true);
  socket.on('data', (d: Buffer) => {
    peer.reads.push(d);
    peer.readTimes.push(performance.now());
  });
  socket.on('end', () => (peer.ended = true));
  socket.on('error', (err: NodeJS.ErrnoException) => (peer.error = err.code ?? err.message));
  socket.on('close', () => (peer.closed = true));
}

function blank(): RecordingPeer {
  const peer: RecordingPeer = {
    reads: [],
    readTimes: [],
    ended: false,
    error: null,
    closed: false,
    socket: null,
    bytes: () => Buffer.concat(peer.reads),
  };
  return peer;
}

/** A listening "server" that records the first connection it accepts. */
export async function recordingServer(): Promise<{
  port: number;
  peer: RecordingPeer;
  close(): Promise<void>;
}> {
  const peer = blank();
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    peer.socket = socket;
    record(socket, peer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    peer,
    close: () =>
      new Promise<void>((resolve) => {
        peer.socket?.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A "device" that connects and records what it reads. */
export async function recordingClient(port: number): Promise<RecordingPeer> {
  const peer = blank();
  const socket = net.connect({ host: '127.0.0.1', port, allowHalfOpen: true });
  peer.socket = socket;
  record(socket, peer);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  return peer;
}
