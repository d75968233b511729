import { emptyCounters } from '../../../shared/contract';
import type { PeerRecord } from '../endpoint';

/** Enough for any bench; a flood from random source ports cannot grow memory past it. */
export const MAX_UDP_PEERS = 4096;

/**
 * The remotes a UDP socket has exchanged datagrams with, one record per
 * address:port. UDP has no connections, so a "peer" is simply whoever sent
 * or was sent to; the least recently active one is forgotten when the table
 * is full (its log rows keep their peer id, so they still name it).
 */
export class UdpPeerTable {
  private readonly byKey = new Map<string, PeerRecord>();
  private readonly byId = new Map<string, PeerRecord>();
  private lastSender: PeerRecord | null = null;
  forgotten = 0;

  constructor(
    private readonly newId: () => string,
    private readonly now: () => number,
    private readonly limit = MAX_UDP_PEERS,
  ) {}

  /** The record for address:port, created on first sight, marked most recent. */
  touch(address: string, port: number): PeerRecord {
    const key = peerKey(address, port);
    let peer = this.byKey.get(key);
    if (peer) {
      // Re-insert: a Map keeps insertion order, so the first entry is the stalest.
      this.byKey.delete(key);
      this.byKey.set(key, peer);
      return peer;
    }
    peer = {
      id: this.newId(),
      address,
      port,
      since: this.now(),
      state: 'connected',
      counters: emptyCounters(),
    };
    this.byKey.set(key, peer);
    this.byId.set(peer.id, peer);
    if (this.byKey.size > this.limit) this.evictStalest();
    return peer;
  }

  /** A datagram arrived from this peer: it is now the one a reply goes to. */
  heardFrom(address: string, port: number): PeerRecord {
    const peer = this.touch(address, port);
    this.lastSender = peer;
    return peer;
  }

  get(id: string): PeerRecord | undefined {
    return this.byId.get(id);
  }

  get last(): PeerRecord | null {
    return this.lastSender;
  }

  forget(id: string): boolean {
    const peer = this.byId.get(id);
    if (!peer) return false;
    this.byId.delete(id);
    this.byKey.delete(peerKey(peer.address, peer.port));
    if (this.lastSender === peer) this.lastSender = null;
    return true;
  }

  /** In order of first sight, so a table of them does not jump around. */
  list(): PeerRecord[] {
    return [...this.byId.values()];
  }

  clear(): void {
    this.byKey.clear();
    this.byId.clear();
    this.lastSender = null;
  }

  private evictStalest(): void {
    const stalest = this.byKey.values().next().value;
    if (stalest) {
      this.forget(stalest.id);
      this.forgotten++;
    }
  }
}

function peerKey(address: string, port: number): string {
  return `${address.toLowerCase()}|${port}`;
}
