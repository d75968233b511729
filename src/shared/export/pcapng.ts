/**
 * A pcapng writer for the log: each conversation is replayed as packets with
 * synthesized Ethernet/IP/TCP (or UDP) headers, so Wireshark's "Follow TCP
 * Stream" shows it. TCP gets a handshake, sequence and acknowledgement numbers
 * that advance with the bytes each way, and a FIN exchange if it closed.
 * Block layout: https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-03.html
 */
import type { Chunk } from '../contract/chunk';
import {
  buildPacket,
  mapToIPv6,
  parseIp,
  TCP_ACK,
  TCP_FIN,
  TCP_PSH,
  TCP_SYN,
  type IpBytes,
  type PacketSpec,
} from './packet-headers';

export interface PcapEndpoint {
  address: string;
  port: number;
}

export interface PcapConversation {
  local: PcapEndpoint;
  remote: PcapEndpoint;
  /** In capture order. `rx` travelled remote → local, `tx` local → remote. */
  chunks: Chunk[];
  /** Whether the connection closed (TCP: a FIN exchange is written at the end). */
  closed: boolean;
  /** Who sent the SYN; default `local` (a client). A listener's peers are `remote`. */
  initiator?: 'local' | 'remote';
  /** Who sent the first FIN; default `local`. */
  closedBy?: 'local' | 'remote';
  /** When it opened / closed (µs); default the first / last chunk's time. */
  openedAt?: number;
  closedAt?: number;
}

export interface PcapInput {
  transport: 'tcp' | 'udp';
  conversations: PcapConversation[];
}

/** The most payload one IPv4 packet can carry behind 20-byte IP and TCP headers. */
export const MAX_SEGMENT = 65_495;

export const LOCAL_MAC = Uint8Array.of(0x02, 0x57, 0x42, 0x00, 0x00, 0x01);
export const REMOTE_MAC = Uint8Array.of(0x02, 0x57, 0x42, 0x00, 0x00, 0x02);

/** One side of a conversation as packets name it. */
export interface PacketSide {
  ip: IpBytes;
  port: number;
}

/** The addresses of a packet of a conversation: from our side when `fromLocal`, else from the peer's. */
export function packetEnds(
  fromLocal: boolean,
  local: PacketSide,
  remote: PacketSide,
): Pick<PacketSpec, 'srcMac' | 'dstMac' | 'srcIp' | 'dstIp' | 'srcPort' | 'dstPort'> {
  const src = fromLocal ? local : remote;
  const dst = fromLocal ? remote : local;
  return {
    srcMac: fromLocal ? LOCAL_MAC : REMOTE_MAC,
    dstMac: fromLocal ? REMOTE_MAC : LOCAL_MAC,
    srcIp: src.ip,
    dstIp: dst.ip,
    srcPort: src.port,
    dstPort: dst.port,
  };
}
// Fixed initial sequence numbers keep exports reproducible (Wireshark shows relative numbers anyway).
export const LOCAL_ISN = 0x10000000;
export const REMOTE_ISN = 0x20000000;

const BT_SHB = 0x0a0d0d0a;
const BT_IDB = 0x00000001;
const BT_EPB = 0x00000006;
const LINKTYPE_ETHERNET = 1;

const pad4 = (n: number) => (n + 3) & ~3;

function block(type: number, body: Uint8Array): Uint8Array {
  const total = 12 + pad4(body.length);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, total, true);
  out.set(body, 8);
  view.setUint32(total - 4, total, true);
  return out;
}

/** One option (code, length, value padded to 4 bytes). */
function option(code: number, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + pad4(value.length));
  const view = new DataView(out.buffer);
  view.setUint16(0, code, true);
  view.setUint16(2, value.length, true);
  out.set(value, 4);
  return out;
}

const END_OF_OPTIONS = new Uint8Array(4);

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function sectionHeader(): Uint8Array {
  const fixed = new Uint8Array(16);
  const view = new DataView(fixed.buffer);
  view.setUint32(0, 0x1a2b3c4d, true); // byte-order magic
  view.setUint16(4, 1, true);
  view.setUint16(6, 0, true);
  view.setBigInt64(8, -1n, true); // section length unknown
  const app = option(4, new TextEncoder().encode('Wirebench')); // shb_userappl
  return block(BT_SHB, concat([fixed, app, END_OF_OPTIONS]));
}

export function interfaceDescription(): Uint8Array {
  const fixed = new Uint8Array(8);
  const view = new DataView(fixed.buffer);
  view.setUint16(0, LINKTYPE_ETHERNET, true);
  view.setUint32(4, 0, true); // no snap length limit
  const tsresol = option(9, Uint8Array.of(6)); // timestamps in microseconds
  return block(BT_IDB, concat([fixed, tsresol, END_OF_OPTIONS]));
}

export function enhancedPacket(timeUs: number, packet: Uint8Array): Uint8Array {
  const body = new Uint8Array(20 + pad4(packet.length));
  const view = new DataView(body.buffer);
  view.setUint32(0, 0, true); // interface 0
  view.setUint32(4, Math.floor(timeUs / 0x1_0000_0000), true);
  view.setUint32(8, timeUs >>> 0, true);
  view.setUint32(12, packet.length, true);
  view.setUint32(16, packet.length, true);
  body.set(packet, 20);
  return block(BT_EPB, body);
}

/** A packet to write: when, and how to build it (built lazily, one at a time). */
interface Planned {
  time: number;
  order: number;
  build: () => Uint8Array;
}

function addresses(c: PcapConversation): { local: IpBytes; remote: IpBytes } {
  let local = parseIp(c.local.address);
  let remote = parseIp(c.remote.address);
  if (local.length !== remote.length) {
    local = mapToIPv6(local);
    remote = mapToIPv6(remote);
  }
  return { local, remote };
}

function* pieces(data: Uint8Array): Generator<Uint8Array> {
  if (data.length === 0) return;
  for (let at = 0; at < data.length; at += MAX_SEGMENT) yield data.subarray(at, at + MAX_SEGMENT);
}

/** The packets of one conversation, in order, with TCP state advanced as they are planned. */
function planConversation(c: PcapConversation, tcp: boolean): Planned[] {
  const ip = addresses(c);
  const plan: Planned[] = [];
  let ipId = 1;
  const local = { ip: ip.local, port: c.local.port };
  const remote = { ip: ip.remote, port: c.remote.port };
  let localSeq = LOCAL_ISN;
  let remoteSeq = REMOTE_ISN;
  let order = -Infinity;
  const send = (time: number, fromLocal: boolean, payload: Uint8Array, flags: number) => {
    const seq = fromLocal ? localSeq : remoteSeq;
    // Only a segment with the ACK flag acknowledges (the first SYN does not).
    const ack = flags & TCP_ACK ? (fromLocal ? remoteSeq : localSeq) : 0;
    const id = ipId++;
    // Sorting across conversations must never reorder packets within one,
    // even if the clock stepped back: sort by the running maximum of times.
    order = Math.max(order, time);
    plan.push({
      time,
      order,
      build: () =>
        buildPacket({
          ...packetEnds(fromLocal, local, remote),
          ipId: id,
          payload,
          ...(tcp ? { tcp: { seq, ack, flags } } : {}),
        }),
    });
  };

  const first = c.openedAt ?? c.chunks[0]?.time ?? c.closedAt ?? 0;
  const last = c.closedAt ?? c.chunks[c.chunks.length - 1]?.time ?? first;

  if (tcp) {
    const client = (c.initiator ?? 'local') === 'local';
    // SYN and SYN/ACK each consume one sequence number.
    const syn = (fromLocal: boolean, flags: number) => {
      send(first, fromLocal, new Uint8Array(0), flags);
      if (fromLocal) localSeq = (localSeq + 1) >>> 0;
      else remoteSeq = (remoteSeq + 1) >>> 0;
    };
    syn(client, TCP_SYN);
    syn(!client, TCP_SYN | TCP_ACK);
    send(first, client, new Uint8Array(0), TCP_ACK);
  }

  for (const chunk of c.chunks) {
    const fromLocal = chunk.dir === 'tx';
    for (const piece of pieces(chunk.data)) {
      send(chunk.time, fromLocal, piece, TCP_PSH | TCP_ACK);
      if (!tcp) continue;
      if (fromLocal) localSeq = (localSeq + piece.length) >>> 0;
      else remoteSeq = (remoteSeq + piece.length) >>> 0;
    }
  }

  if (tcp && c.closed) {
    const closer = (c.closedBy ?? 'local') === 'local';
    const finFrom = (fromLocal: boolean) => {
      send(last, fromLocal, new Uint8Array(0), TCP_FIN | TCP_ACK);
      if (fromLocal) localSeq = (localSeq + 1) >>> 0;
      else remoteSeq = (remoteSeq + 1) >>> 0;
    };
    finFrom(closer);
    finFrom(!closer);
    send(last, closer, new Uint8Array(0), TCP_ACK);
  }
  return plan;
}

/**
 * The file in blocks (section header, interface, then one block per packet),
 * to be written as they come: packets are built one at a time.
 */
export function* pcapngBlocks(input: PcapInput): Generator<Uint8Array> {
  const tcp = input.transport === 'tcp';
  // Plan everything first so a bad address fails before any byte is written,
  // then interleave the conversations by time (stable, so each keeps its order).
  const plans = input.conversations.map((c) => planConversation(c, tcp));
  const packets = plans.flat().map((p, i) => ({ p, i }));
  packets.sort((a, b) => a.p.order - b.p.order || a.i - b.i);
  yield sectionHeader();
  yield interfaceDescription();
  for (const { p } of packets) yield enhancedPacket(p.time, p.build());
}

/** A whole pcapng file for the conversations, in memory (see {@link pcapngBlocks} to stream it). */
export function writePcapng(input: PcapInput): Uint8Array {
  return concat([...pcapngBlocks(input)]);
}
