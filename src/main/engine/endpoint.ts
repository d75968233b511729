import type {
  Chunk,
  Counters,
  Direction,
  EndpointInfo,
  EndpointSpec,
  EndpointState,
  PeerInfo,
  WirebenchEvent,
} from '../../shared/contract';
import { emptyCounters } from '../../shared/contract';
import type { Clock } from './clock';
import { EndpointError } from './system-errors';

/** Where the engine reports what happens; the router implements it. */
export interface EngineSink {
  /** A chunk was captured (already stored in the capture log). */
  chunk(chunk: Chunk): void;
  /** An endpoint's state, peers or counters changed; read `info()` when convenient. */
  changed(endpointId: string): void;
  event(event: WirebenchEvent): void;
}

/** What an endpoint needs from the engine that owns it. */
export interface EndpointContext {
  clock: Clock;
  /** Stores the chunk (and writes it to a running capture file); `peer` says who it was. */
  record(chunk: Omit<Chunk, 'seq'>, peer: PeerRecord): Chunk;
  sink: EngineSink;
  nextPeerId(): string;
}

export interface SendResult {
  bytes: number;
  peers: number;
}

/** A peer's counters and identity, kept by whichever endpoint accepted or dialled it. */
export interface PeerRecord {
  id: string;
  address: string;
  port: number;
  since: number;
  state: PeerInfo['state'];
  counters: Counters;
}

/**
 * The shared half of every endpoint: identity, state, counters and the one
 * place chunks are recorded, so every kind counts and logs the same way.
 */
export abstract class Endpoint<S extends EndpointSpec = EndpointSpec> {
  state: EndpointState = 'closed';
  message: string | null = null;
  local: { address: string; port: number } | null = null;
  readonly counters = emptyCounters();
  readonly openedAt: number;

  constructor(
    readonly id: string,
    readonly spec: S,
    protected readonly ctx: EndpointContext,
  ) {
    this.openedAt = ctx.clock();
  }

  abstract open(): Promise<void>;
  abstract close(options: { closePeers: boolean }): Promise<void>;
  abstract send(peerId: string | undefined, data: Uint8Array): Promise<SendResult>;
  abstract disconnect(peerId: string): boolean;
  abstract peers(): PeerRecord[];

  /** Only clients reconnect; listeners say so. */
  async reconnect(): Promise<void> {
    throw new EndpointError(
      `A ${this.spec.kind} does not reconnect; close it and open it again`,
      'wrong-state',
    );
  }

  info(): EndpointInfo {
    return {
      id: this.id,
      spec: this.spec,
      state: this.state,
      local: this.local,
      message: this.message,
      peers: this.peers().map((p) => ({ ...p, counters: { ...p.counters } })),
      counters: { ...this.counters },
      openedAt: this.openedAt,
    };
  }

  protected setState(state: EndpointState, message: string | null = this.message): void {
    this.state = state;
    this.message = message;
    this.ctx.sink.changed(this.id);
  }

  /** Counts and logs one read or write; the one path every byte takes. */
  protected record(peer: PeerRecord, dir: Direction, data: Uint8Array): void {
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
      {
        endpointId: this.id,
        peerId: peer.id,
        dir,
        time: this.ctx.clock(),
        data,
      },
      peer,
    );
    this.ctx.sink.chunk(chunk);
    this.ctx.sink.changed(this.id);
  }

  protected notice(level: 'info' | 'warning' | 'error', message: string): void {
    this.ctx.sink.event({ type: 'notice', level, endpointId: this.id, message });
  }
}
