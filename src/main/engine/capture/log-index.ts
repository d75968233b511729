import type { Chunk, Direction } from '../../../shared/contract';
import { f64, u32 } from './columns';

/**
 * Where each endpoint's chunks are, so that a view can ask for rows by
 * position or by seq without walking the log. Positions ("ordinals") count
 * an endpoint's chunks from its first, and never change meaning: the log
 * evicts oldest first, so what an endpoint still holds is always the
 * ordinals [firstHeld, count). Every column is a typed array (columns.ts):
 * about 44 bytes a chunk, never an object per chunk.
 */

/**
 * One stream of bytes: the non-empty chunks of one direction, of one peer
 * or of every peer interleaved as they came (what the Hex and Text views
 * show). A stream offset counts the lane's bytes from its first ever, so
 * it too stays valid when the oldest bytes are evicted.
 */
export class Lane {
  /** Per chunk of the lane, in order: its endpoint ordinal. */
  readonly ords = f64();
  /** Per chunk: the stream offset of its first byte. */
  readonly starts = f64();
  /** Bytes the lane has carried, evicted ones included: its stream's length. */
  bytes = 0;

  constructor(
    readonly id: number,
    readonly dir: Direction,
    /** Null: every peer of this direction. */
    readonly peerId: string | null,
  ) {}

  /** Stream offset of the first byte still held (= bytes when nothing is). */
  get firstByte(): number {
    return this.ords.size > 0 ? this.starts.at(this.ords.start) : this.bytes;
  }

  /** Stream offset just past lane chunk `i`. */
  endOf(i: number): number {
    return i + 1 < this.starts.length ? this.starts.at(i + 1) : this.bytes;
  }

  /** Lane index of the held chunk holding stream offset `offset`, or -1. */
  chunkAt(offset: number): number {
    if (offset < this.firstByte || offset >= this.bytes) return -1;
    return this.starts.upperBound(offset) - 1;
  }

  /** Lane index of the chunk with endpoint ordinal `ordinal`, or -1 when it is not in this lane (or gone). */
  indexOf(ordinal: number): number {
    const i = this.ords.lowerBound(ordinal);
    return i < this.ords.length && this.ords.at(i) === ordinal ? i : -1;
  }

  add(ordinal: number, length: number): void {
    this.ords.push(ordinal);
    this.starts.push(this.bytes);
    this.bytes += length;
  }

  /** The chunk at the lane's head was evicted. */
  dropFirst(ordinal: number): void {
    const head = this.ords.start;
    if (head < this.ords.length && this.ords.at(head) === ordinal) {
      this.ords.dropBefore(head + 1);
      this.starts.dropBefore(head + 1);
    }
  }
}

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

export class EndpointIndex {
  /** Per ordinal: the chunk's seq in the log. */
  readonly seqs = f64();
  /** Per ordinal: the id of the chunk's peer lane. */
  readonly laneIds = u32();
  readonly lanes: Lane[] = [];
  private readonly peers = new Map<string, SomeLanes>();
  readonly dirLanes: PeerLanes;
  /** The seq of the newest chunk (-1 before the first). */
  lastSeq = -1;
  /** Ordinals below this were evicted (may run ahead of count for an instant: see evicted()). */
  private evictedChunks = 0;
  /** The peer of the previous chunk: a flood is one peer's, so the map is seldom asked. */
  private lastPeer: { id: string; lanes: SomeLanes } | null = null;

  constructor(readonly endpointId: string) {
    this.dirLanes = { rx: this.lane('rx', null), tx: this.lane('tx', null) };
  }

  /** Chunks ever indexed: positions run [firstHeld, count). */
  get count(): number {
    return this.seqs.length;
  }

  get firstHeld(): number {
    return Math.min(this.evictedChunks, this.count);
  }

  /** Every peer lane, in the order the peers were first seen. */
  peerLanes(dir?: Direction, peerId?: string): Lane[] {
    return this.lanes.filter(
      (l) => l.peerId !== null && (!dir || l.dir === dir) && (!peerId || l.peerId === peerId),
    );
  }

  /** The lane of one peer's direction, or the whole direction's (peerId null). */
  laneFor(dir: Direction, peerId: string | null): Lane | undefined {
    return peerId === null ? this.dirLanes[dir] : this.peers.get(peerId)?.[dir];
  }

  append(chunk: Chunk): number {
    const ordinal = this.seqs.length;
    const lanes = this.peerLanesOf(chunk.peerId);
    const lane = (lanes[chunk.dir] ??= this.lane(chunk.dir, chunk.peerId));
    this.seqs.push(chunk.seq);
    this.laneIds.push(lane.id);
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

  laneOf(ordinal: number): Lane {
    return this.lanes[this.laneIds.at(ordinal)]!;
  }

  /** Lets go of every ordinal below `end`. */
  private dropThrough(end: number): void {
    for (let o = this.seqs.start; o < end; o++) {
      const lane = this.laneOf(o);
      lane.dropFirst(o);
      this.dirLanes[lane.dir].dropFirst(o);
    }
    this.seqs.dropBefore(end);
    this.laneIds.dropBefore(end);
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

  private lane(dir: Direction, peerId: string | null): Lane {
    const lane = new Lane(this.lanes.length, dir, peerId);
    this.lanes.push(lane);
    return lane;
  }
}

/** Every endpoint's index, kept in step with the capture log by the engine. */
export class LogIndex {
  private readonly endpoints = new Map<string, EndpointIndex>();

  /** The index of an endpoint (an empty one for an endpoint that logged nothing yet). */
  of(endpointId: string): EndpointIndex {
    let index = this.endpoints.get(endpointId);
    if (!index) this.endpoints.set(endpointId, (index = new EndpointIndex(endpointId)));
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
  }
}
