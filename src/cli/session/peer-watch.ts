import type { EndpointState, PeerInfo } from '../../shared/contract/endpoint';
import { englishOf } from '../../shared/messages/plain-formats';
import type { Endpoint } from '../../main/engine/endpoint';
import type { PeerCursor } from '../../main/engine/peer-roster';

/** What changed about an endpoint and its peers since the last look. */
export interface WatchListener {
  /** A peer appeared (accepted, dialled, or a new UDP sender). */
  opened?(peer: PeerInfo): void;
  /** The peer sent FIN: it will send no more. */
  halfClosed?(peer: PeerInfo): void;
  /** The peer is gone (closed, or forgotten). */
  gone?(peer: PeerInfo): void;
  /** The endpoint's own state changed (closed, failed, …), with its sentence. */
  state?(state: EndpointState, message: string | null): void;
}

/** Peers read from the roster at a time: a listener with 15,000 is read in slices. */
const PEERS_PER_READ = 1000;

/**
 * Turns the engine's "this endpoint changed" into what changed, by reading
 * the peers' changes since the last look, as the app's windows do (the
 * `peers` events of the contract): a look costs what changed, not the peer
 * count. Every chunk changes its peer's counters (the engine says no more
 * than the chunk), so after chunks the session looks at most once per turn
 * of the event loop (cli-session.ts).
 */
export class PeerWatch {
  /** Live peers as last seen (a departure is said with what was known of it). */
  private readonly known = new Map<string, PeerInfo>();
  private cursor: PeerCursor | null = null;
  /** While a whole list arrives (in parts): the peers in it so far. */
  private refill: Set<string> | null = null;
  private lastState: EndpointState | null = null;
  private readonly listeners = new Set<WatchListener>();
  /** Peers seen since the endpoint opened. */
  total = 0;

  add(listener: WatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  check(endpoint: Endpoint): void {
    for (let more = true; more;) {
      const c = endpoint.peerChanges(this.cursor, PEERS_PER_READ);
      this.cursor = c.cursor;
      more = c.more && (c.changed.length > 0 || c.removed.length > 0 || c.cursor.fill !== null);
      if (c.full) this.refill = new Set();
      for (const peer of c.changed) {
        this.refill?.add(peer.id);
        this.saw(peer);
      }
      for (const id of c.removed) this.left(id);
      // A whole list replaces what was known: whoever was not in it has gone.
      if (this.refill && c.cursor.fill === null) {
        const listed = this.refill;
        this.refill = null;
        for (const id of [...this.known.keys()]) if (!listed.has(id)) this.left(id);
      }
    }
    if (endpoint.state !== this.lastState) {
      this.lastState = endpoint.state;
      const sentence = endpoint.message ? englishOf(endpoint.message) : null;
      this.emit((l) => l.state?.(endpoint.state, sentence));
    }
  }

  private saw(peer: PeerInfo): void {
    const before = this.known.get(peer.id)?.state;
    if (before === undefined) {
      this.total++;
      this.emit((l) => l.opened?.(peer));
    }
    if (peer.state === 'half-closed' && before !== 'half-closed')
      this.emit((l) => l.halfClosed?.(peer));
    if (peer.state === 'closed' && before !== 'closed') this.emit((l) => l.gone?.(peer));
    this.known.set(peer.id, peer);
  }

  private left(id: string): void {
    const peer = this.known.get(id);
    if (!peer) return;
    this.known.delete(id);
    if (peer.state !== 'closed') this.emit((l) => l.gone?.(peer));
  }

  private emit(call: (l: WatchListener) => void): void {
    for (const l of [...this.listeners]) call(l);
  }
}
