import type { Chunk } from '../../../shared/contract';
import type { CaptureLog } from './capture-log';
import type { EndpointIndex, Lane } from './log-index';

/**
 * The rows of a view, whatever made them: one per chunk (raw), or one per
 * framed message (framed-view.ts). A row is a stretch of one lane's stream,
 * so its bytes are read where the chunks are, never kept twice.
 */
export interface RowRef {
  /** The peer lane the row's bytes are in. */
  lane: Lane;
  /** Stream offset of the row's first byte in that lane. */
  start: number;
  /** Bytes of the row's data. */
  length: number;
  /** Why it is not a well-formed frame. */
  error?: string;
  /** A raw row's chunk (the one place an empty chunk can be found: it is in no lane). */
  ordinal?: number;
}

export interface RowSource {
  readonly index: EndpointIndex;
  /** Rows ever made: positions run [firstHeld, total). */
  readonly total: number;
  readonly firstHeld: number;
  /** Chunks not made into rows yet (a framed view catching up); 0 when every chunk is. */
  readonly behind: number;
  /** The row at a position, or null when its bytes are gone. */
  row(position: number): RowRef | null;
  /** Position of the first row holding bytes of the chunk with this seq, or after it. */
  positionOfSeq(seq: number): number;
}

/** The stored chunk behind an endpoint ordinal, or undefined once it is gone. */
export function chunkOf(log: CaptureLog, index: EndpointIndex, ordinal: number): Chunk | undefined {
  if (ordinal < index.firstHeld || ordinal >= index.count) return undefined;
  return log.chunkBySeq(index.seqs.at(ordinal));
}

/**
 * Visits the pieces of lane bytes [from, to) as views of the log's own
 * memory (each with the chunk's ordinal and the piece's offset in it).
 * Returns false when some of those bytes are gone.
 */
export function visitLane(
  log: CaptureLog,
  index: EndpointIndex,
  lane: Lane,
  from: number,
  to: number,
  visit: (data: Uint8Array, ordinal: number, offsetInChunk: number) => void,
): boolean {
  if (to <= from) return true;
  let i = lane.chunkAt(from);
  if (i < 0) return false;
  for (let at = from; at < to; i++) {
    if (i >= lane.ords.length) return false;
    const ordinal = lane.ords.at(i);
    const chunk = chunkOf(log, index, ordinal);
    if (!chunk) return false;
    const start = lane.starts.at(i);
    const skip = at - start;
    const take = Math.min(chunk.data.byteLength - skip, to - at);
    visit(chunk.data.subarray(skip, skip + take), ordinal, skip);
    at += take;
  }
  return true;
}

/** Copies lane bytes [from, to) to `out` at `at`; false when some of them are gone. */
export function copyLane(
  log: CaptureLog,
  index: EndpointIndex,
  lane: Lane,
  from: number,
  to: number,
  out: Uint8Array,
  at: number,
): boolean {
  let put = at;
  return visitLane(log, index, lane, from, to, (piece) => {
    out.set(piece, put);
    put += piece.byteLength;
  });
}

/** One row per chunk, positions being the endpoint's ordinals. */
export class RawRows implements RowSource {
  constructor(readonly index: EndpointIndex) {}

  get total(): number {
    return this.index.count;
  }

  get firstHeld(): number {
    return this.index.firstHeld;
  }

  get behind(): number {
    return 0;
  }

  row(position: number): RowRef | null {
    if (position < this.index.firstHeld || position >= this.index.count) return null;
    const lane = this.index.laneOf(position);
    // An empty chunk is in no lane: it sits where the lane's next chunk starts.
    const i = lane.ords.lowerBound(position);
    const held = i < lane.ords.length && lane.ords.at(i) === position;
    const start = i < lane.ords.length ? lane.starts.at(i) : lane.bytes;
    return { lane, start, length: held ? lane.endOf(i) - start : 0, ordinal: position };
  }

  positionOfSeq(seq: number): number {
    return Math.max(this.index.firstHeld, this.index.ordinalAtOrAfterSeq(seq));
  }
}
