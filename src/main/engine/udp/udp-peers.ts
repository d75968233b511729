import { emptyCounters } from '../../../shared/contract';
import type { PeerRecord } from '../endpoint';
import type { PeerRoster } from '../peer-roster';

/** Enough for any bench; a flood from random source ports cannot grow memory past it. */
export const MAX_UDP_PEERS = 4096;

export interface UdpPeerHooks {
  newId(): string;
  now(): number;
  /** A remote was seen for the first time (the endpoint adds it to its roster). */
  joined(peer: PeerRecord): void;
  /** A remote was forgotten (the endpoint removes it from its roster). */
  left(peer: PeerRecord): void;
}

/**
 * The remotes a UDP socket has exchanged datagrams with, one record per
 * address:port. UDP has no connections, so a "peer" is simply whoever sent
 * or was sent to; the least recently active one (the endpoint's roster
 * keeps them in that order) is forgotten when the table is full (its log
 * rows keep their peer id, so they still name it).
 *
 * Looked up on every datagram: a flood from one sender is answered by the
 * last sender without a lookup, and otherwise by address then port, so no
 * key string is built per datagram.
 */
export class UdpPeerTable {
  private readonly byAddress = new Map<string, Map<number, PeerRecord>>();
  private lastSender: PeerRecord | null = null;
  private count = 0;
  forgotten = 0;

  constructor(
    private readonly roster: PeerRoster,
    private readonly hooks: UdpPeerHooks,
    private readonly limit = MAX_UDP_PEERS,
  ) {}

  /** The record for address:port (as the kernel writes it), created on first sight, marked most recent. */
  touch(address: string, port: number): PeerRecord {
    let ports = this.byAddress.get(address);
    let peer = ports?.get(port);
    if (peer) {
      this.roster.changed(peer);
      return peer;
    }
    peer = {
      id: this.hooks.newId(),
      address,
      port,
      since: this.hooks.now(),
      state: 'connected',
      counters: emptyCounters(),
    };
    if (!ports) this.byAddress.set(address, (ports = new Map()));
    ports.set(port, peer);
    this.count++;
    this.hooks.joined(peer);
    if (this.count > this.limit) this.evictStalest();
    return peer;
  }

  /**
   * A datagram arrived from this peer: it is now the one a reply goes to.
   * The last sender again is not marked changed here: recording its
   * datagram does that (Endpoint.record), once a datagram.
   */
  heardFrom(address: string, port: number): PeerRecord {
    const last = this.lastSender;
    if (last !== null && last.port === port && last.address === address) return last;
    return (this.lastSender = this.touch(address, port));
  }

  get(id: string): PeerRecord | undefined {
    return this.roster.get(id);
  }

  get last(): PeerRecord | null {
    return this.lastSender;
  }

  get size(): number {
    return this.count;
  }

  forget(id: string): boolean {
    const peer = this.roster.get(id);
    if (!peer) return false;
    const ports = this.byAddress.get(peer.address);
    if (ports?.get(peer.port) === peer) {
      ports.delete(peer.port);
      if (ports.size === 0) this.byAddress.delete(peer.address);
      this.count--;
    }
    if (this.lastSender === peer) this.lastSender = null;
    this.hooks.left(peer);
    return true;
  }

  /** In order of first sight, so a table of them does not jump around. */
  list(): PeerRecord[] {
    return this.roster.values();
  }

  private evictStalest(): void {
    const stalest = this.roster.stalest();
    if (stalest && this.forget(stalest.id)) this.forgotten++;
  }
}
