import dgram from 'node:dgram';
import net from 'node:net';
import type { EndpointInfo, EndpointSpecInput } from '../../src/shared/contract';
import type { Harness } from './backend-harness';
import { must } from './result';

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

/** A UDP "server" on loopback that records datagrams and can answer the sender. */
export async function udpServer(cleanups: Array<() => unknown>): Promise<{
  port: number;
  got: Array<{ data: Buffer; from: dgram.RemoteInfo }>;
  socket: dgram.Socket;
}> {
  const socket = dgram.createSocket('udp4');
  const got: Array<{ data: Buffer; from: dgram.RemoteInfo }> = [];
  socket.on('message', (data, from) => got.push({ data, from }));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  cleanups.push(() => socket.close());
  return { port: socket.address().port, got, socket };
}

/** A UDP "device" on loopback that records what comes back to it. */
export async function udpDevice(
  cleanups: Array<() => unknown>,
): Promise<{ socket: dgram.Socket; got: Buffer[] }> {
  const socket = dgram.createSocket('udp4');
  const got: Buffer[] = [];
  socket.on('message', (data) => got.push(data));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  cleanups.push(() => socket.close());
  return { socket, got };
}

type UdpRelayExtra = { idleTimeoutMs?: number; targetHost?: string };

/** The spec of a UDP relay on a free loopback port toward 127.0.0.1:targetPort (or `extra.targetHost`). */
export function udpRelaySpec(targetPort: number, extra: UdpRelayExtra = {}) {
  return {
    kind: 'relay',
    mode: 'udp',
    host: '127.0.0.1',
    port: 0,
    targetHost: '127.0.0.1',
    targetPort,
    ...extra,
  } as const satisfies EndpointSpecInput;
}

/** Opens the relay of udpRelaySpec on the harness. */
export async function udpRelay(
  h: Harness,
  targetPort: number,
  extra: UdpRelayExtra = {},
): Promise<EndpointInfo> {
  return must(h.api.openEndpoint({ spec: udpRelaySpec(targetPort, extra) }));
}

/**
 * A UDP relay on the harness between a UDP server and a UDP device of its
 * own (both closed by `cleanups`); `toRelay` sends a datagram from the device
 * to the relay.
 */
export async function udpRelayRig(
  h: Harness,
  cleanups: Array<() => unknown>,
  extra: UdpRelayExtra = {},
) {
  const server = await udpServer(cleanups);
  const relay = await udpRelay(h, server.port, extra);
  const device = await udpDevice(cleanups);
  const toRelay = (data: Uint8Array) =>
    device.socket.send(data, relay.local?.port ?? 0, '127.0.0.1');
  return { server, relay, device, toRelay };
}
