import type { EndpointState } from '../../shared/contract/endpoint';
import { englishOf } from '../../shared/messages/plain-formats';
import type { Endpoint, PeerRecord } from '../../main/engine/endpoint';

/** What changed about an endpoint and its peers since the last look. */
export interface WatchListener {
  /** A peer appeared (accepted, dialled, or a new UDP sender). */
  opened?(peer: PeerRecord): void;
  /** The peer sent FIN: it will send no more. */
  halfClosed?(peer: PeerRecord): void;
  /** The peer is gone (closed, or forgotten). */
  gone?(peer: PeerRecord): void;
  /** The endpoint's own state changed (closed, failed, …), with its sentence. */
  state?(state: EndpointState, message: string | null): void;
}

/**
 * Turns the engine's "this endpoint changed" into what changed, by comparing
 * its peers and state with the last look. The engine says it changed after
 * every chunk, so the session looks at most once per turn of the event loop.
 */
export class PeerWatch {
  private readonly known = new Map<string, PeerRecord['state']>();
  private readonly records = new Map<string, PeerRecord>();
  private lastState: EndpointState | null = null;
  private readonly listeners = new Set<WatchListener>();
  /** Peers seen since the endpoint opened. */
  total = 0;

  add(listener: WatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  check(endpoint: Endpoint): void {
    const now = new Map(endpoint.peers().map((p) => [p.id, p]));
    for (const [id, peer] of now) {
      const before = this.known.get(id);
      if (before === undefined) {
        this.total++;
        this.records.set(id, peer);
        this.emit((l) => l.opened?.(peer));
      }
      if (peer.state === 'half-closed' && before !== 'half-closed')
        this.emit((l) => l.halfClosed?.(peer));
      if (peer.state === 'closed' && before !== 'closed') this.emit((l) => l.gone?.(peer));
      this.known.set(id, peer.state);
    }
    for (const [id, state] of [...this.known]) {
      if (now.has(id)) continue;
      const peer = this.records.get(id);
      this.known.delete(id);
      this.records.delete(id);
      if (peer && state !== 'closed') this.emit((l) => l.gone?.(peer));
    }
    if (endpoint.state !== this.lastState) {
      this.lastState = endpoint.state;
      const sentence = endpoint.message ? englishOf(endpoint.message) : null;
      this.emit((l) => l.state?.(endpoint.state, sentence));
    }
  }

  private emit(call: (l: WatchListener) => void): void {
    for (const l of [...this.listeners]) call(l);
  }
}
