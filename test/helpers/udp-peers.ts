import dgram from 'node:dgram';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { eventually, spawnPeer, type PeerProcess } from './peers';
import { xorshift32 } from './random-bytes';

const UDP_PEER_PY = path.join(__dirname, 'udp_peer.py');
/** The system's Python starts in a few ms; a version manager's shim can take seconds. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** socat with its log on stderr, so a test can wait until it is really bound. */
export function spawnSocat(args: string[]): PeerProcess {
  return spawnPeer('socat', ['-d', '-d', ...args]);
}

/** socat logs one of these once its sockets exist (UDP has no other readiness signal). */
export function socatReady(peer: PeerProcess): Promise<boolean> {
  return eventually(
    () => /starting data transfer loop|N receiving on/.test(peer.stderr()),
    `socat to start (stderr: ${peer.stderr()})`,
  );
}

/** One frame per datagram: 4-byte big-endian length, then the bytes. */
export function frame(data: Uint8Array): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.byteLength);
  return Buffer.concat([head, data]);
}

export function parseFrames(stream: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (at + 4 <= stream.length) {
    const length = stream.readUInt32BE(at);
    if (at + 4 + length > stream.length) break;
    out.push(stream.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return out;
}

/** Python sending each frame written to its stdin as one datagram to host:port. */
export function pythonSender(host: string, port: number): PeerProcess {
  return spawnPeer(PYTHON, [UDP_PEER_PY, 'send', host, String(port)]);
}

/** Python receiving on host:<free port>, each datagram framed on its stdout; `join` = [IPv6 group, interface]. */
export async function pythonReceiver(
  host: string,
  join: string[] = [],
): Promise<{ peer: PeerProcess; port: number }> {
  const peer = spawnPeer(PYTHON, [UDP_PEER_PY, 'recv', host, ...join]);
  const port = await eventually(
    () => Number(/PORT (\d+)/.exec(peer.stderr())?.[1] ?? 0),
    `python to bind (stderr: ${peer.stderr()})`,
  );
  return { peer, port };
}

/** Deterministic sizes from 0 to the IPv4 maximum, mostly small, a few at the limits. */
export function variedDatagrams(count: number, max: number): Buffer[] {
  const next = xorshift32(0x2545f491);
  const special = [0, 1, 2, 3, 255, 256, 1471, 1472, 1473, 1500, 8192, 9000, max - 1, max];
  return Array.from({ length: count }, (_, i) => {
    const size =
      i < special.length
        ? (special[i] ?? 0)
        : i % 97 === 0
          ? Math.floor(next() * max)
          : Math.floor(next() * 2048);
    const b = Buffer.alloc(size);
    for (let j = 0; j < size; j++) b[j] = (i * 31 + j * 7 + (j >> 8)) & 0xff;
    return b;
  });
}

/** A port on `host` that nothing listens on for UDP (bound, then let go). */
export async function unusedUdpPort(host = '127.0.0.1'): Promise<number> {
  const s = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  await new Promise<void>((resolve) => s.bind(0, host, resolve));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** Batches of at most 16 datagrams / 128 KiB: small enough for the default receive buffer. */
export function batches(datagrams: Buffer[]): Buffer[][] {
  const out: Buffer[][] = [];
  let current: Buffer[] = [];
  let bytes = 0;
  for (const d of datagrams) {
    if (current.length >= 16 || (current.length > 0 && bytes + d.length > 128 * 1024)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(d);
    bytes += d.length;
  }
  if (current.length) out.push(current);
  return out;
}
