import type { Chunk, WirebenchEvent } from '../../shared/contract';
import type { Clock } from './clock';
import type { PeerRecord } from './endpoint';
import type { FileStore } from './file-store';
import type { DescriptorBudget } from './tcp/descriptor-budget';

/*
 * What an endpoint and the engine that owns it say to each other: the
 * engine hands each endpoint a context, and hears through its sink.
 */

/** Where the engine reports what happens; the router implements it. */
export interface EngineSink {
  /**
   * A chunk was captured (already stored in the capture log). The
   * endpoint's counters and the chunk's peer changed with it: no `changed`
   * follows (a flood would pay for two calls a datagram).
   */
  chunk(chunk: Chunk): void;
  /**
   * An endpoint's state, peers or counters changed (other than by a chunk);
   * read `info()` and `peerChanges()` when convenient.
   */
  changed(endpointId: string): void;
  /** A peer left (closed, or forgotten by a full UDP table): whoever keeps state per peer lets it go. */
  peerLeft?(endpointId: string, peerId: string): void;
  event(event: WirebenchEvent): void;
}

/** What an endpoint needs from the engine that owns it. */
export interface EndpointContext {
  clock: Clock;
  /**
   * Stores the chunk (and writes it to a running capture file), giving it
   * its seq; `peer` says who it was; `owned`: its bytes are the caller's to
   * give (CaptureLog.append).
   */
  record(chunk: Chunk, peer: PeerRecord, owned: boolean): Chunk;
  /** The oldest sequence number the capture log still holds (chunks before it were evicted). */
  oldestLoggedSeq(): number;
  sink: EngineSink;
  nextPeerId(): string;
  /** Certificate and key files the user chose, by id. */
  files: FileStore;
  /** Where generated certificates are kept for reuse; null keeps them in memory only. */
  dataDir: string | null;
  /** The process's file descriptors, so listeners stop accepting before they run out. */
  descriptors: DescriptorBudget;
}

export interface SendResult {
  /** Bytes handed to the kernel, over all peers. */
  bytes: number;
  peers: number;
  /** The send was cancelled before its end (only stream sends can be). */
  cancelled?: boolean;
}
