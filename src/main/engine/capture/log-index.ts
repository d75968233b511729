import type { Chunk, Direction } from '../../../shared/contract';
import { f64 } from './columns';
import { Lane } from './log-lane';

/**
 * Where each endpoint's chunks are, so that a view can ask for rows by
 * position or by seq without walking the log. Positions ("ordinals") count
 * an endpoint's chunks from its first, and never change meaning: the log
 * evicts oldest first, so what an endpoint still holds is always the
 * ordinals [firstHeld, count). Every column is a typed array (columns.ts):
 * about 44 bytes a chunk, never an object per chunk.
 */

/** The lanes of one direction of one peer and of the whole direction. */
interface PeerLanes {
  rx: Lane;
  tx: Lane;
}

/**
 * A peer's lanes, each made with its first chunk: a flood from many source
 * ports (one datagram each) is a lane per peer, not two.
 */
type SomeLanes = Partial<PeerLanes>;

/**
 * Peer lanes let go whose stream length is remembered, so that a peer that
 * speaks again after the log evicted all of its chunks (a quiet TCP
 * connection while others flood) goes on at the offset it had. Bounded: a
 * flood from ever new source ports leaves ~40 bytes a peer here at most.
 */
export const RETIRED_MAX = 16_384;

export class EndpointIndex {
  /**
   * Per ordinal: the chunk's seq in the log (field 0: what `at` and the
   * searches read) and the id of its peer lane (field 1, laneIdAt).
   */
  readonly seqs = f64(2);
  /**
   * The lanes, by id, in the order they were made. A peer lane is let go
   * when the log no longer holds any of its chunks: a flood from ever new
   * source ports (each a new peer) must not grow the index past what the
   * log holds.
   */
  private readonly lanes = new Map<number, Lane>();
  private nextLaneId = 0;
  private readonly peers = new Map<string, SomeLanes>();
  /** `dir peerId` of lanes let go → their stream's length, oldest first. */
  private readonly retired = new Map<string, number>();
  /** The highest `p<N>` peer number whose remembered length was forgotten (see peerLane). */
  private forgottenUpTo = -1;
  readonly dirLanes: PeerLanes;
  /** The seq of the newest chunk (-1 before the first). */
  lastSeq = -1;
  /** Ordinals below this were evicted (may run ahead of count for an instant: see evicted()). */
  private evictedChunks = 0;
  /** The peer of the previous chunk: a flood is one peer's, so the map is seldom asked. */
  private lastPeer: { id: string; lanes: SomeLanes } | null = null;

  constructor(readonly endpointId: string) {
    this.dirLanes = { rx: this.makeLane('rx', null), tx: this.makeLane('tx', null) };
  }

  /** Chunks ever indexed: positions run [firstHeld, count). */
  get count(): number {
    return this.seqs.length;
  }

  get firstHeld(): number {
    return Math.min(this.evictedChunks, this.count);
  }

  /** Every peer lane the log holds chunks of, in the order they were made. */
  peerLanes(dir?: Direction, peerId?: string): Lane[] {
    return [...this.lanes.values()].filter(
      (l) => l.peerId !== null && (!dir || l.dir === dir) && (!peerId || l.peerId === peerId),
    );
  }

  /** The lane with this id, or undefined once it was let go (the log holds none of its chunks). */
  lane(id: number): Lane | undefined {
    return this.lanes.get(id);
  }

  /** Lanes held, the two whole-direction lanes included. */
  get laneCount(): number {
    return this.lanes.size;
  }

  /** The lane of one peer's direction, or the whole direction's (peerId null). */
  laneFor(dir: Direction, peerId: string | null): Lane | undefined {
    return peerId === null ? this.dirLanes[dir] : this.peers.get(peerId)?.[dir];
  }

  append(chunk: Chunk): number {
    const ordinal = this.seqs.length;
    const lanes = this.peerLanesOf(chunk.peerId);
    const lane = (lanes[chunk.dir] ??= this.peerLane(chunk.dir, chunk.peerId));
    const at = this.seqs.add();
    const row = this.seqs.array;
    row[at] = chunk.seq;
    row[at + 1] = lane.id;
    lane.held++;
    this.lastSeq = chunk.seq;
    const length = chunk.data.byteLength;
    if (length > 0) {
      lane.add(ordinal, length);
      this.dirLanes[chunk.dir].add(ordinal, length);
    }
    // The log may have evicted this very chunk before we heard of it.
    if (this.evictedChunks > ordinal) this.dropThrough(ordinal + 1);
    return ordinal;
  }

  /** The log evicted this endpoint's `chunks` oldest chunks. */
  evicted(chunks: number): void {
    this.evictedChunks += chunks;
    this.dropThrough(Math.min(this.evictedChunks, this.count));
  }

  /** Ordinal of the chunk with this seq, or -1 when it is not one of ours or is gone. */
  ordinalOfSeq(seq: number): number {
    const i = this.seqs.lowerBound(seq);
    return i < this.seqs.length && this.seqs.at(i) === seq ? i : -1;
  }

  /** First held ordinal whose seq is >= `seq` (count when none). */
  ordinalAtOrAfterSeq(seq: number): number {
    return this.seqs.lowerBound(seq);
  }

  /** The id of a held ordinal's peer lane (lane() is undefined once it was let go). */
  laneIdAt(ordinal: number): number {
    return this.seqs.field(ordinal, 1);
  }

  /** The lane of a held ordinal. */
  laneOf(ordinal: number): Lane {
    return this.lanes.get(this.laneIdAt(ordinal))!;
  }

  /** Lets go of every ordinal below `end`, and of the peer lanes left without a chunk. */
  private dropThrough(end: number): void {
    for (let o = this.seqs.start; o < end; o++) {
      const lane = this.laneOf(o);
      lane.dropFirst(o);
      this.dirLanes[lane.dir].dropFirst(o);
      if (--lane.held === 0 && lane.peerId !== null) this.retire(lane, lane.peerId);
    }
    this.seqs.dropBefore(end);
  }

  private peerLanesOf(peerId: string): SomeLanes {
    if (this.lastPeer?.id === peerId) return this.lastPeer.lanes;
    let lanes = this.peers.get(peerId);
    if (!lanes) {
      lanes = {};
      this.peers.set(peerId, lanes);
    }
    this.lastPeer = { id: peerId, lanes };
    return lanes;
  }

  private makeLane(dir: Direction, peerId: string | null, firstOffset = 0, skipped = false): Lane {
    const lane = new Lane(this.nextLaneId++, dir, peerId, firstOffset, skipped);
    this.lanes.set(lane.id, lane);
    return lane;
  }

  /**
   * A peer's lane for a direction, made with its first chunk (or its first
   * since the last was let go: it goes on where that one ended).
   */
  private peerLane(dir: Direction, peerId: string): Lane {
    const key = `${dir} ${peerId}`;
    let firstOffset = this.retired.get(key);
    let skipped = false;
    if (firstOffset !== undefined) this.retired.delete(key);
    else if (peerNumber(peerId) >= 0 && peerNumber(peerId) <= this.forgottenUpTo) {
      // Perhaps let go and forgotten since (RETIRED_MAX lanes let go after
      // it): start past anything it can have carried, so that no offset it
      // had ever names other bytes. (Peer numbers only grow: a peer above
      // every forgotten one was never forgotten.)
      firstOffset = this.dirLanes[dir].bytes;
      skipped = true;
    }
    return this.makeLane(dir, peerId, firstOffset, skipped);
  }

  /** Lets go of a peer lane the log holds nothing of, remembering its length. */
  private retire(lane: Lane, peerId: string): void {
    this.lanes.delete(lane.id);
    const lanes = this.peers.get(peerId);
    if (lanes?.[lane.dir] === lane) {
      delete lanes[lane.dir];
      if (!lanes.rx && !lanes.tx) {
        this.peers.delete(peerId);
        if (this.lastPeer?.id === peerId) this.lastPeer = null;
      }
    }
    this.retired.set(`${lane.dir} ${peerId}`, lane.bytes);
    if (this.retired.size > RETIRED_MAX) {
      const oldest = this.retired.keys().next().value!;
      this.retired.delete(oldest);
      this.forgottenUpTo = Math.max(this.forgottenUpTo, peerNumber(oldest.slice(3)));
    }
  }
}

/** N of the engine's peer id `p<N>` (ids only grow); -1 for any other id. */
function peerNumber(peerId: string): number {
  const n = /^p(\d+)$/.exec(peerId);
  return n ? Number(n[1]) : -1;
}

/** Every endpoint's index, kept in step with the capture log by the engine. */
export class LogIndex {
  private readonly endpoints = new Map<string, EndpointIndex>();
  /** The endpoint asked for last: a flood is one endpoint's, so the map is seldom asked. */
  private last: EndpointIndex | null = null;

  /** The index of an endpoint (an empty one for an endpoint that logged nothing yet). */
  of(endpointId: string): EndpointIndex {
    if (this.last?.endpointId === endpointId) return this.last;
    let index = this.endpoints.get(endpointId);
    if (!index) this.endpoints.set(endpointId, (index = new EndpointIndex(endpointId)));
    this.last = index;
    return index;
  }

  appended(chunk: Chunk): number {
    return this.of(chunk.endpointId).append(chunk);
  }

  evicted(endpointId: string, chunks: number): void {
    // Possibly before the endpoint's first chunk is indexed: append() evicts first.
    this.of(endpointId).evicted(chunks);
  }

  forget(endpointId: string): void {
    this.endpoints.delete(endpointId);
    if (this.last?.endpointId === endpointId) this.last = null;
  }
}
