import type {
  Counters,
  Direction,
  EndpointInfo,
  EndpointSpec,
  EndpointState,
  EndpointWithPeers,
  PeerInfo,
  RelayPeerInfo,
  TlsSessionInfo,
} from '../../shared/contract';
import { emptyCounters } from '../../shared/contract';
import { msg, type MessageRef } from '../../shared/messages/catalogue';
import { PeerRoster, peerInfo, type PeerChanges, type PeerCursor } from './peer-roster';
import { formatHostPort } from '../../shared/net/address';
import { SeenPeers } from './seen-peers';
import { EndpointError, describeAlreadyOpen } from './system-errors';
import type { EndpointContext, SendResult } from './endpoint-context';
import type { SendWatch } from './send-progress';

/** States in which an endpoint holds (or is getting, or waits to get) a socket. */
const LIVE_STATES: ReadonlySet<EndpointState> = new Set([
  'listening',
  'connecting',
  'connected',
  'half-closed',
  'reconnecting',
]);

export type { EndpointContext, EngineSink, SendResult } from './endpoint-context';

/** A peer's counters and identity, kept by whichever endpoint accepted or dialled it. */
export interface PeerRecord {
  id: string;
  address: string;
  port: number;
  since: number;
  state: PeerInfo['state'];
  counters: Counters;
  tls?: TlsSessionInfo;
  relay?: RelayPeerInfo;
}

/** A peer that has just connected on `socket`: where the socket says it is, counters at zero. */
export function connectedPeer(
  id: string,
  socket: { remoteAddress?: string | undefined; remotePort?: number | undefined },
  since: number,
): PeerRecord {
  return {
    id,
    address: socket.remoteAddress ?? '?',
    port: socket.remotePort ?? 0,
    since,
    state: 'connected',
    counters: emptyCounters(),
  };
}

/**
 * The shared half of every endpoint: identity, state, counters and the one
 * place chunks are recorded, so every kind counts and logs the same way.
 */
export abstract class Endpoint<S extends EndpointSpec = EndpointSpec> {
  state: EndpointState = 'closed';
  /** The state line: how it connected, or the last failure or closing reason. */
  message: MessageRef | null = null;
  local: { address: string; port: number } | null = null;
  readonly counters = emptyCounters();
  readonly openedAt: number;
  /** Peers with chunks in the log, gone ones too: exports need their addresses. Bounded. */
  readonly seenPeers: SeenPeers;
  /**
   * The live peers, and what changed among them when: every kind adds,
   * changes and removes its peers here (peerJoined, peerChanged, peerLeft).
   */
  protected readonly roster = new PeerRoster();

  constructor(
    readonly id: string,
    readonly spec: S,
    protected readonly ctx: EndpointContext,
  ) {
    this.openedAt = ctx.clock();
    this.seenPeers = new SeenPeers(() => ctx.oldestLoggedSeq());
  }

  abstract open(): Promise<void>;
  abstract close(options: { closePeers: boolean }): Promise<void>;
  abstract send(
    peerId: string | undefined,
    data: Uint8Array,
    watch?: SendWatch,
  ): Promise<SendResult>;
  abstract disconnect(peerId: string): boolean;

  /** The live peers, in the order they came. */
  peers(): PeerRecord[] {
    return this.roster.values();
  }

  /** A live peer by id (a lookup, not a search among thousands). */
  peer(id: string): PeerRecord | undefined {
    return this.roster.get(id);
  }

  get peerCount(): number {
    return this.roster.size;
  }

  /** What a window at `cursor` has not heard of the peers (see PeerRoster.read), as it sees them. */
  peerChanges(
    cursor: PeerCursor | null,
    max: number,
  ): Omit<PeerChanges, 'changed'> & { changed: PeerInfo[] } {
    const c = this.roster.read(cursor, max);
    return { ...c, changed: c.changed.map(peerInfo) };
  }

  private reopening = false;

  /**
   * Opens again, with the same spec, an endpoint that was closed (by the user
   * or a failure): a listener binds its port again, a client dials again, the
   * tab and the log stay. Refused while it is open or already reopening.
   */
  async reopen(): Promise<void> {
    if (this.reopening || LIVE_STATES.has(this.state)) {
      throw new EndpointError(describeAlreadyOpen(this.address()), 'wrong-state');
    }
    this.reopening = true;
    try {
      await this.open();
    } finally {
      this.reopening = false;
    }
  }

  /**
   * The port to bind: the spec's, or, for a listener asked for "any port"
   * (0) that has been bound before, the one it got, so Open brings it back
   * where the user's devices were told to connect.
   */
  protected portToBind(): number {
    return this.spec.port === 0 && this.local ? this.local.port : this.spec.port;
  }

  /** Host and port as the user knows this endpoint: where it listens, or what it dials. */
  protected address(): string {
    return formatHostPort(this.spec.host, this.portToBind());
  }

  /**
   * Our FIN to a peer (a client's only one when `peerId` is omitted): we send
   * no more and still read what it sends. False where there is no such open
   * conversation, or the kind has none (UDP, a relay).
   */
  endSending(peerId?: string): boolean {
    void peerId;
    return false;
  }

  /** Only clients reconnect; listeners say so. */
  async reconnect(): Promise<void> {
    throw new EndpointError(msg('endpoint.listener-no-reconnect', {}), 'wrong-state');
  }

  info(): EndpointInfo {
    return {
      id: this.id,
      spec: this.spec,
      state: this.state,
      local: this.local,
      message: this.message,
      peerCount: this.roster.size,
      counters: { ...this.counters },
      openedAt: this.openedAt,
    };
  }

  /** The info with every peer listed (listPeers, tests). */
  withPeers(): EndpointWithPeers {
    return { ...this.info(), peers: this.peers().map(peerInfo) };
  }

  /** A peer came (accepted, dialled, or first heard from). */
  protected peerJoined(peer: PeerRecord): void {
    this.roster.add(peer);
    this.ctx.sink.changed(this.id);
  }

  /** A peer's state or details changed (FIN, TLS session, upstream state…). */
  protected peerChanged(peer: PeerRecord): void {
    this.roster.changed(peer);
    this.ctx.sink.changed(this.id);
  }

  /** A peer is gone (closed, forgotten, expired). */
  protected peerLeft(peer: PeerRecord): void {
    this.roster.remove(peer.id);
    this.ctx.sink.peerLeft?.(this.id, peer.id);
    this.ctx.sink.changed(this.id);
  }

  /** Notes who ended a conversation first (the first call wins), for exports. */
  protected noteClosedBy(peerId: string, who: 'local' | 'remote'): void {
    const seen = this.seenPeers.get(peerId);
    if (seen && !seen.closedBy) seen.closedBy = who;
  }

  /** The local address of a peer's conversation; a listener knows it per accepted socket. */
  protected peerLocal(peer: PeerRecord): { address: string; port: number } | null {
    void peer;
    return this.local;
  }

  protected setState(state: EndpointState, message: MessageRef | null = this.message): void {
    this.state = state;
    this.message = message;
    this.ctx.sink.changed(this.id);
  }

  /**
   * Counts and logs one read or write; the one path every byte takes.
   * `owned`: nobody writes to `data` again (a datagram's own buffer), so the
   * chunk may keep it (CaptureLog.append).
   */
  protected record(peer: PeerRecord, dir: Direction, data: Uint8Array, owned = false): void {
    this.roster.changed(peer);
    if (dir === 'rx') {
      peer.counters.rxBytes += data.byteLength;
      peer.counters.rxChunks++;
      this.counters.rxBytes += data.byteLength;
      this.counters.rxChunks++;
    } else {
      peer.counters.txBytes += data.byteLength;
      peer.counters.txChunks++;
      this.counters.txBytes += data.byteLength;
      this.counters.txChunks++;
    }
    const chunk = this.ctx.record(
      // Every field there from the start (seq is set by the log): one shape for every chunk.
      { endpointId: this.id, peerId: peer.id, dir, time: this.ctx.clock(), data, seq: -1 },
      peer,
      owned,
    );
    // On every chunk: no closure made unless the peer is new to the table.
    if (!this.seenPeers.touch(peer.id, chunk.seq)) {
      this.seenPeers.logged(peer, chunk.seq, () => this.peerLocal(peer));
    }
    this.ctx.sink.chunk(chunk);
  }

  protected notice(level: 'info' | 'warning' | 'error', message: MessageRef): void {
    this.ctx.sink.event({ type: 'notice', level, endpointId: this.id, message });
  }
}
