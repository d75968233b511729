/**
 * pcapng written as the chunks arrive (capture to disk), where the export
 * (pcapng.ts) sees the whole log at once. Each conversation keeps its own
 * TCP sequence numbers; the first chunk of a conversation writes a
 * synthesized handshake, so Wireshark's "Follow TCP Stream" works on a file
 * that is still growing (no FIN is written: the file does not know how a
 * connection ended, and a capture may stop while it is still open).
 */
import type { Chunk } from '../contract/chunk';
import { buildPacket, mapToIPv6, parseIp, TCP_ACK, TCP_PSH, TCP_SYN } from './packet-headers';
import {
  enhancedPacket,
  interfaceDescription,
  LOCAL_ISN,
  MAX_SEGMENT,
  packetEnds,
  REMOTE_ISN,
  sectionHeader,
  type PcapEndpoint,
} from './pcapng';

export interface StreamConversation {
  local: PcapEndpoint;
  remote: PcapEndpoint;
  /** Who sent the SYN: a listener's peers are `remote`, a client is `local`. */
  initiator: 'local' | 'remote';
}

interface State {
  localIp: Uint8Array;
  remoteIp: Uint8Array;
  local: PcapEndpoint;
  remote: PcapEndpoint;
  localSeq: number;
  remoteSeq: number;
  ipId: number;
}

const EMPTY = new Uint8Array(0);

/**
 * Conversations a capture remembers. A capture may run for days against a
 * port that ever new peers reach (a scan, a device that reconnects): past
 * this the least recently written is let go, and if it speaks again its
 * conversation starts anew, with a handshake of its own.
 */
export const MAX_STREAM_CONVERSATIONS = 16_384;
const UNSPECIFIED_V4 = new Uint8Array(4);

/** A numeric address as wire bytes; anything else (never expected from a socket) as 0.0.0.0. */
function ipOrZero(address: string): Uint8Array {
  try {
    return parseIp(address);
  } catch {
    return UNSPECIFIED_V4;
  }
}

export class PcapngStreamWriter {
  private readonly conversations = new Map<string, State>();

  /** The section header and the one (Ethernet, microsecond) interface: the file's first bytes. */
  header(): Uint8Array[] {
    return [sectionHeader(), interfaceDescription()];
  }

  /**
   * The blocks for one chunk of conversation `key` (a peer id). A new
   * conversation starts with its handshake, at the chunk's time.
   */
  chunk(key: string, describe: () => StreamConversation, chunk: Chunk): Uint8Array[] {
    const out: Uint8Array[] = [];
    const c = this.conversation(key, describe, chunk.time, out);
    const fromLocal = chunk.dir === 'tx';
    for (let at = 0; at < chunk.data.length; at += MAX_SEGMENT) {
      const piece = chunk.data.subarray(at, at + MAX_SEGMENT);
      out.push(this.packet(c, chunk.time, fromLocal, piece, TCP_PSH | TCP_ACK));
      this.advance(c, fromLocal, piece.length);
    }
    return out;
  }

  /**
   * A chunk that was not written (the disk fell behind) still moves the
   * sequence numbers, so Wireshark shows the gap as "previous segment not
   * captured" rather than splicing the stream. A conversation not yet in
   * the file writes nothing now (its handshake waits for its first chunk
   * that is written): a disk that is behind gets no blocks at all.
   */
  missed(key: string, chunk: Chunk): void {
    const c = this.conversations.get(key);
    if (c) this.advance(c, chunk.dir === 'tx', chunk.data.length);
  }

  private conversation(
    key: string,
    describe: () => StreamConversation,
    time: number,
    out: Uint8Array[],
  ): State {
    const known = this.conversations.get(key);
    if (known) {
      // Most recently written last, so the first is the one to let go.
      this.conversations.delete(key);
      this.conversations.set(key, known);
      return known;
    }
    const d = describe();
    let localIp = ipOrZero(d.local.address);
    let remoteIp = ipOrZero(d.remote.address);
    if (localIp.length !== remoteIp.length) {
      localIp = mapToIPv6(localIp);
      remoteIp = mapToIPv6(remoteIp);
    }
    const c: State = {
      localIp,
      remoteIp,
      local: d.local,
      remote: d.remote,
      localSeq: LOCAL_ISN,
      remoteSeq: REMOTE_ISN,
      ipId: 1,
    };
    this.conversations.set(key, c);
    if (this.conversations.size > MAX_STREAM_CONVERSATIONS) {
      this.conversations.delete(this.conversations.keys().next().value as string);
    }
    const client = d.initiator === 'local';
    // The handshake: SYN, SYN/ACK (each consuming one sequence number), ACK.
    out.push(this.packet(c, time, client, EMPTY, TCP_SYN));
    this.advance(c, client, 1);
    out.push(this.packet(c, time, !client, EMPTY, TCP_SYN | TCP_ACK));
    this.advance(c, !client, 1);
    out.push(this.packet(c, time, client, EMPTY, TCP_ACK));
    return c;
  }

  private advance(c: State, fromLocal: boolean, n: number): void {
    if (fromLocal) c.localSeq = (c.localSeq + n) >>> 0;
    else c.remoteSeq = (c.remoteSeq + n) >>> 0;
  }

  private packet(
    c: State,
    time: number,
    fromLocal: boolean,
    payload: Uint8Array,
    flags: number,
  ): Uint8Array {
    const seq = fromLocal ? c.localSeq : c.remoteSeq;
    // Only a segment with the ACK flag acknowledges (the first SYN does not).
    const ack = flags & TCP_ACK ? (fromLocal ? c.remoteSeq : c.localSeq) : 0;
    const frame = buildPacket({
      ...packetEnds(
        fromLocal,
        { ip: c.localIp, port: c.local.port },
        { ip: c.remoteIp, port: c.remote.port },
      ),
      ipId: c.ipId++,
      payload,
      tcp: { seq, ack, flags },
    });
    return enhancedPacket(time, frame);
  }
}
