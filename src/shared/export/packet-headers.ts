/**
 * Synthesized Ethernet + IPv4/IPv6 + TCP/UDP framing around captured bytes,
 * so Wireshark dissects an export as if it had been on the wire. Checksums are
 * computed for real: a wrong one is what a reader would notice first.
 */
import { unbracket } from '../net/address';
/** An address as it goes on the wire: 4 bytes (IPv4) or 16 (IPv6). */
export type IpBytes = Uint8Array;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const GROUP = /^[0-9A-Fa-f]{1,4}$/;

/** Dotted quad → 4 bytes, or null. */
function parseIPv4(text: string): Uint8Array | null {
  return IPV4.test(text) ? Uint8Array.from(text.split('.'), Number) : null;
}

/** Any textual IPv6 form (`::1`, `fe80::1`, `::ffff:1.2.3.4`) → 16 bytes, or null. */
function parseIPv6(text: string): Uint8Array | null {
  let addr = text;
  const tail: number[] = [];
  // A trailing dotted quad stands for the last two groups.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(addr);
  if (dotted) {
    const v4 = parseIPv4(dotted[2]!);
    if (!v4) return null;
    tail.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    addr = dotted[1]!.endsWith('::') ? dotted[1]! : dotted[1]!.slice(0, -1);
  }
  const halves = addr.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(halves[0]!);
  const right = groups(halves[1] ?? '');
  if (![...left, ...right].every((g) => GROUP.test(g))) return null;
  const known = left.length + right.length + tail.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return null;
  const words = [
    ...left.map((g) => parseInt(g, 16)),
    ...new Array<number>(8 - known).fill(0),
    ...right.map((g) => parseInt(g, 16)),
    ...tail,
  ];
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[i * 2] = w >> 8;
    out[i * 2 + 1] = w & 0xff;
  });
  return out;
}

/**
 * The wire form of a numeric address (`10.0.0.5`, `::1`, `[fe80::1%eth0]`).
 * Throws a readable error for a host name: a capture file holds addresses.
 */
export function parseIp(text: string): IpBytes {
  const bare = unbracket(text).split('%')[0]!;
  const ip = parseIPv4(bare) ?? parseIPv6(bare);
  if (ip) return ip;
  throw new RangeError(
    `"${text}" is not an IPv4 or IPv6 address; a pcapng export needs numeric addresses`,
  );
}

/** `a.b.c.d` as `::ffff:a.b.c.d`, for a conversation whose ends are of both families. */
export function mapToIPv6(ip: IpBytes): IpBytes {
  if (ip.length === 16) return ip;
  const out = new Uint8Array(16);
  out[10] = out[11] = 0xff;
  out.set(ip, 12);
  return out;
}

/** The one's-complement sum (unfolded) of `bytes` as big-endian 16-bit words. */
function sum16(bytes: Uint8Array, start: number, end: number, acc = 0): number {
  let i = start;
  for (; i + 1 < end; i += 2) acc += (bytes[i]! << 8) | bytes[i + 1]!;
  if (i < end) acc += bytes[i]! << 8;
  // Fold now and then so the sum stays an exact integer however long the data.
  return acc > 0x7fffffff ? (acc & 0xffff) + Math.floor(acc / 0x10000) : acc;
}

function fold(acc: number): number {
  while (acc > 0xffff) acc = (acc & 0xffff) + Math.floor(acc / 0x10000);
  return ~acc & 0xffff;
}

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

export interface PacketSpec {
  srcMac: Uint8Array;
  dstMac: Uint8Array;
  /** Both 4 bytes or both 16 bytes. */
  srcIp: IpBytes;
  dstIp: IpBytes;
  srcPort: number;
  dstPort: number;
  /** Absent for UDP. */
  tcp?: { seq: number; ack: number; flags: number };
  /** IPv4 identification; ignored for IPv6. */
  ipId: number;
  payload: Uint8Array;
}

const ETH_LEN = 14;
const TCP_LEN = 20;
const UDP_LEN = 8;

/** A whole Ethernet frame for `spec`, with correct lengths and checksums. */
export function buildPacket(spec: PacketSpec): Uint8Array {
  const v6 = spec.srcIp.length === 16;
  const ipLen = v6 ? 40 : 20;
  const l4Len = (spec.tcp ? TCP_LEN : UDP_LEN) + spec.payload.length;
  const packet = new Uint8Array(ETH_LEN + ipLen + l4Len);
  const view = new DataView(packet.buffer);
  packet.set(spec.dstMac, 0);
  packet.set(spec.srcMac, 6);
  view.setUint16(12, v6 ? 0x86dd : 0x0800);
  const proto = spec.tcp ? 6 : 17;

  const ip = ETH_LEN;
  if (v6) {
    view.setUint32(ip, 0x60000000);
    view.setUint16(ip + 4, l4Len);
    packet[ip + 6] = proto;
    packet[ip + 7] = 64;
    packet.set(spec.srcIp, ip + 8);
    packet.set(spec.dstIp, ip + 24);
  } else {
    packet[ip] = 0x45;
    view.setUint16(ip + 2, ipLen + l4Len);
    view.setUint16(ip + 4, spec.ipId & 0xffff);
    view.setUint16(ip + 6, 0x4000); // Don't Fragment, as a TCP stack would set.
    packet[ip + 8] = 64;
    packet[ip + 9] = proto;
    packet.set(spec.srcIp, ip + 12);
    packet.set(spec.dstIp, ip + 16);
    view.setUint16(ip + 10, fold(sum16(packet, ip, ip + 20)));
  }

  const l4 = ip + ipLen;
  view.setUint16(l4, spec.srcPort);
  view.setUint16(l4 + 2, spec.dstPort);
  let checkAt: number;
  if (spec.tcp) {
    view.setUint32(l4 + 4, spec.tcp.seq >>> 0);
    view.setUint32(l4 + 8, spec.tcp.ack >>> 0);
    packet[l4 + 12] = (TCP_LEN / 4) << 4;
    packet[l4 + 13] = spec.tcp.flags;
    view.setUint16(l4 + 14, 65535);
    checkAt = l4 + 16;
  } else {
    view.setUint16(l4 + 4, l4Len);
    checkAt = l4 + 6;
  }
  packet.set(spec.payload, l4 + (spec.tcp ? TCP_LEN : UDP_LEN));

  // The pseudo-header: addresses, protocol and length (RFC 793 / RFC 8200 §8.1).
  let acc = sum16(packet, ip + (v6 ? 8 : 12), ip + (v6 ? 40 : 20));
  acc += proto + (l4Len & 0xffff) + Math.floor(l4Len / 0x10000);
  const check = fold(sum16(packet, l4, packet.length, acc));
  // In UDP a zero checksum means "none", so a computed zero is sent as all ones.
  view.setUint16(checkAt, check === 0 && !spec.tcp ? 0xffff : check);
  return packet;
}
