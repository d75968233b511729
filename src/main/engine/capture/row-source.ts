import type { Chunk, MessageRef } from '../../../shared/contract';
import type { CaptureLog } from './capture-log';
import type { EndpointIndex } from './log-index';
import type { Lane } from './log-lane';

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
  error?: MessageRef;
  /** A raw row's chunk (the one place an empty chunk can be found: it is in no lane). */
  ordinal?: number;
}

/** What a scan needs of a row, filled in place. */
export interface ScanRow {
  lane: Lane | null;
  start: number;
  length: number;
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
  /**
   * The same into a row kept by the caller, false when gone: a filter
   * judges millions of rows, and an object each is most of its cost.
   */
  readRow(position: number, into: ScanRow): boolean;
  /** Position of the first row holding bytes of the chunk with this seq, or after it. */
  positionOfSeq(seq: number): number;
}

/** The stored chunk behind an endpoint ordinal, or undefined once it is gone. */
export function chunkOf(log: CaptureLog, index: EndpointIndex, ordinal: number): Chunk | undefined {
  if (ordinal < index.firstHeld || ordinal >= index.count) return undefined;
  return log.chunkBySeq(index.seqs.at(ordinal));
}

/**
 * Visits the pieces of lane bytes [from, to): for each, the chunk's bytes
 * (the log's own memory), where the piece starts in them and its length,
 * and the chunk's ordinal. No view is made: callers on hot paths pass the
 * piece on as it is. Returns false when some of those bytes are gone.
 */
export function visitLane(
  log: CaptureLog,
  index: EndpointIndex,
  lane: Lane,
  from: number,
  to: number,
  visit: (data: Uint8Array, skip: number, take: number, ordinal: number) => void,
): boolean {
  if (to <= from) return true;
  let i = lane.chunkAt(from);
  if (i < 0) return false;
  for (let at = from; at < to; i++) {
    if (i >= lane.ords.length) return false;
    const ordinal = lane.ords.at(i);
    const chunk = chunkOf(log, index, ordinal);
    if (!chunk) return false;
    const skip = at - lane.startAt(i);
    const take = Math.min(chunk.data.byteLength - skip, to - at);
    visit(chunk.data, skip, take, ordinal);
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
  return visitLane(log, index, lane, from, to, (data, skip, take) => {
    out.set(data.subarray(skip, skip + take), put);
    put += take;
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

  /** The lane and lane index of the row read last (rows are mostly read in order). */
  private last: { lane: Lane | null; i: number } = { lane: null, i: -1 };
  private readonly scratch: ScanRow = { lane: null, start: 0, length: 0 };

  row(position: number): RowRef | null {
    const r = this.scratch;
    if (!this.readRow(position, r)) return null;
    return { lane: r.lane!, start: r.start, length: r.length, ordinal: position };
  }

  readRow(position: number, into: ScanRow): boolean {
    if (position < this.index.firstHeld || position >= this.index.count) return false;
    const lane = this.index.laneOf(position);
    // The next chunk of the lane read last, most of the time; else a binary search.
    const last = this.last;
    let i = last.lane === lane && lane.ords.at(last.i + 1) === position ? last.i + 1 : -1;
    if (i < 0) i = lane.ords.lowerBound(position);
    const held = i < lane.ords.length && lane.ords.at(i) === position;
    if (held) {
      last.lane = lane;
      last.i = i;
    }
    // An empty chunk is in no lane: it sits where the lane's next chunk starts.
    into.lane = lane;
    into.start = i < lane.ords.length ? lane.startAt(i) : lane.bytes;
    into.length = held ? lane.endOf(i) - into.start : 0;
    return true;
  }

  positionOfSeq(seq: number): number {
    return Math.max(this.index.firstHeld, this.index.ordinalAtOrAfterSeq(seq));
  }
}
