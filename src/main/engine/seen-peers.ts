import type { PeerRecord } from './endpoint';

/** A peer as exports need it, kept after it disconnects. */
export interface SeenPeer {
  peer: PeerRecord;
  /** The local end of the conversation (a listener's own address as the peer saw it). */
  local: { address: string; port: number } | null;
  /** Who ended the conversation first (sent the first FIN), once known. */
  closedBy?: 'local' | 'remote';
  /** The sequence number of its latest chunk in the capture log. */
  lastSeq: number;
}

/**
 * Enough for the largest UDP peer table four times over; a flood of spoofed
 * source ports cannot grow an endpoint's memory past it.
 */
export const MAX_SEEN_PEERS = 16_384;

/**
 * The peers an endpoint has logged chunks of, gone ones too: exports name
 * each chunk's peer by its address and rebuild its conversation. Only a
 * peer whose chunks are still in the capture log is worth keeping, so when
 * the table is full those whose chunks were all evicted go first, then the
 * ones whose latest chunk is oldest, down to three quarters of the cap
 * (which spreads the cost of a prune over many new peers).
 */
export class SeenPeers {
  private readonly byId = new Map<string, SeenPeer>();
  /** The peer of the latest chunk: a flood is one peer's, so the map is seldom asked. */
  private latest: SeenPeer | null = null;

  constructor(
    /** The oldest sequence number the capture log still holds. */
    private readonly oldestLogged: () => number,
    private readonly cap = MAX_SEEN_PEERS,
  ) {}

  get size(): number {
    return this.byId.size;
  }

  get(peerId: string): SeenPeer | undefined {
    return this.byId.get(peerId);
  }

  [Symbol.iterator](): IterableIterator<[string, SeenPeer]> {
    return this.byId.entries();
  }

  /** A chunk of a peer already here was logged with sequence number `seq`; false when it is not here. */
  touch(peerId: string, seq: number): boolean {
    const latest = this.latest;
    const seen = latest !== null && latest.peer.id === peerId ? latest : this.byId.get(peerId);
    if (!seen) return false;
    seen.lastSeq = seq;
    this.latest = seen;
    return true;
  }

  /** A chunk of `peer` was logged with sequence number `seq`. */
  logged(peer: PeerRecord, seq: number, local: () => SeenPeer['local']): void {
    const seen = this.byId.get(peer.id);
    if (seen) {
      seen.lastSeq = seq;
      return;
    }
    this.byId.set(peer.id, { peer, local: local(), lastSeq: seq });
    if (this.byId.size > this.cap) this.prune();
  }

  private prune(): void {
    this.latest = null;
    const oldest = this.oldestLogged();
    for (const [id, seen] of this.byId) {
      if (seen.lastSeq < oldest) this.byId.delete(id);
    }
    const target = Math.floor((this.cap * 3) / 4);
    if (this.byId.size <= target) return;
    const byAge = [...this.byId.values()].sort((a, b) => a.lastSeq - b.lastSeq);
    for (let i = 0; i < byAge.length - target; i++) {
      this.byId.delete((byAge[i] as SeenPeer).peer.id);
    }
  }
}
