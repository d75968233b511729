import type { FramingSpec } from '../../../shared/framing/framing-spec';
import type { MessageRef } from '../../../shared/messages/catalogue';
import type { CaptureLog } from './capture-log';
import { f64, u16, u32, type Column } from './columns';
import { createFrameCutter, type FrameCutter, type FrameSink } from './frame-cutter';
import type { EndpointIndex } from './log-index';
import type { Lane } from './log-lane';
import { chunkOf, type RowRef, type RowSource, type ScanRow } from './row-source';

/**
 * Rows this many at most: a view of tiny frames costs ~26 bytes a row, so
 * this bounds a framed view near 110 MiB; past it the oldest rows go, and
 * the view says so as it says what the log evicted.
 */
export const FRAMED_ROWS_MAX = 4 * 1024 * 1024;
/** Distinct error messages a view keeps; the rest share the last one. */
const ERRORS_MAX = 0xffff;

/**
 * One endpoint's messages under one framing spec, computed in main over the
 * capture log by a frame cutter (frame-cutter.ts: the shared framer's cuts,
 * without copying the frames out), and kept
 * in step as chunks arrive. A row keeps where its bytes are (lane, stream
 * offset, length), never the bytes. It starts at the oldest chunk held when
 * it is made and catches up in slices (catchUp), so a 256 MiB log is framed
 * without holding the event loop; if eviction overtakes it, it starts again
 * at the oldest chunk held (a frame cut by that gap cannot be whole).
 */
export class FramedView implements RowSource {
  private framer: FrameCutter;
  /** Where the cutter's messages go (made once: millions of rows come through it). */
  private readonly sink: FrameSink;
  private readonly laneIds = u32();
  private readonly starts = f64();
  private readonly lengths = u32();
  private readonly errors = u16();
  private readonly errorTexts: MessageRef[] = [];
  private readonly errorIds = new Map<string, number>();
  /** Per lane: the positions of its rows, in stream order (to find a row by byte). */
  private readonly laneRows = new Map<number, Column<Float64Array>>();
  /**
   * Per `dir peerId`: the stream offset where the framer's own count of
   * that stream starts. Per peer, not per lane: a peer's lane let go and
   * made again goes on at the same offsets, and the framer's count with it.
   */
  private laneBase = new Map<string, number>();
  /** Next endpoint ordinal to feed the framer. */
  private next: number;
  /** When a view was last asked for (the views of an endpoint are kept most recent first). */
  usedAt = 0;
  /** Filters reading this view; a view with readers is never let go. */
  readers = 0;

  constructor(
    readonly spec: FramingSpec,
    readonly index: EndpointIndex,
    private readonly log: CaptureLog,
  ) {
    this.framer = createFrameCutter(spec);
    this.sink = (dir, peerId, streamStart, length, error) =>
      this.add(dir, peerId, streamStart, length, error);
    this.next = index.firstHeld;
  }

  get total(): number {
    return this.starts.length;
  }

  get firstHeld(): number {
    this.trim();
    return this.starts.start;
  }

  /** Chunks of the endpoint not framed yet. */
  get behind(): number {
    return this.index.count - this.next;
  }

  /** Peers the view's framer keeps a stream of (for tests: bounded by the lanes held). */
  get framedPeers(): number {
    return this.laneBase.size;
  }

  /** Bytes waiting in the framer for the rest of a frame. */
  get pending(): number {
    return this.framer.pending();
  }

  row(position: number): RowRef | null {
    const r: ScanRow = { lane: null, start: 0, length: 0 };
    if (!this.readRow(position, r)) return null;
    const ref: RowRef = { lane: r.lane!, start: r.start, length: r.length };
    const error = this.errors.at(position);
    if (error > 0) ref.error = this.errorTexts[error - 1];
    return ref;
  }

  readRow(position: number, into: ScanRow): boolean {
    // Not firstHeld (it trims): this runs for every row a filter judges.
    if (position < this.starts.start || position >= this.total) return false;
    const lane = this.index.lane(this.laneIds.at(position));
    const start = this.starts.at(position);
    // A lane let go holds nothing: its rows are gone.
    if (!lane || start < lane.firstByte) return false;
    into.lane = lane;
    into.start = start;
    into.length = this.lengths.at(position);
    return true;
  }

  positionOfSeq(seq: number): number {
    const ordinal = this.index.ordinalAtOrAfterSeq(seq);
    if (ordinal >= this.next) return this.total;
    const lane = this.index.laneOf(ordinal);
    const i = lane.ords.lowerBound(ordinal);
    const offset = i < lane.ords.length ? lane.startAt(i) : lane.bytes;
    return this.positionOfByte(lane, offset);
  }

  /** Position of the row of `lane` holding stream offset `offset` (or the next row of the lane; total when none). */
  positionOfByte(lane: Lane, offset: number): number {
    const rows = this.laneRows.get(lane.id);
    if (!rows) return this.total;
    // Rows of a lane are in stream order: find the last one starting at or before `offset`.
    let lo = rows.start;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts.at(rows.at(mid)) <= offset) lo = mid + 1;
      else hi = mid;
    }
    const before = lo - 1;
    if (before >= rows.start) {
      const p = rows.at(before);
      if (offset < this.starts.at(p) + Math.max(1, this.lengths.at(p))) return p;
    }
    return lo < rows.length ? rows.at(lo) : this.total;
  }

  /**
   * Frames chunks until they are all framed or `deadline` (performance.now())
   * passes; true when all are. Checks the clock every few chunks only.
   */
  catchUp(deadline: number): boolean {
    for (let n = 0; this.next < this.index.count; n++) {
      if ((n & 63) === 63 && performance.now() > deadline) return false;
      if (this.next < this.index.firstHeld) this.restart(this.index.firstHeld);
      const ordinal = this.next++;
      const chunk = chunkOf(this.log, this.index, ordinal);
      if (!chunk) {
        // Held by the index but not the log cannot be; if it were, go on past it.
        this.restart(ordinal + 1);
        continue;
      }
      const lane = this.index.laneOf(ordinal);
      if (chunk.data.byteLength > 0) {
        const key = `${lane.dir} ${chunk.peerId}`;
        const base = this.laneBase.get(key);
        if (base === undefined) this.laneBase.set(key, lane.startAt(lane.indexOf(ordinal)));
        else if (lane.skipped && lane.indexOf(ordinal) === lane.ords.start) {
          // The peer's offsets jumped (log-index.ts, peerLane): the
          // framer's count no longer maps onto them; frame afresh from here.
          this.restart(ordinal);
          continue;
        }
      }
      this.framer.push(chunk, this.sink);
    }
    this.trim();
    this.forgetGonePeers();
    return true;
  }

  /**
   * Lets the framer forget the peers whose lanes the index let go (the log
   * holds none of their bytes), once they outnumber the lanes held: a
   * flood from ever new source ports must not grow a framed view without
   * bound. Each sweep is paid for by as many new peers as it walks.
   */
  private forgetGonePeers(): void {
    if (this.laneBase.size <= 2 * this.index.laneCount + 64) return;
    for (const key of this.laneBase.keys()) {
      const peerId = key.slice(3);
      if (this.index.laneFor('rx', peerId) || this.index.laneFor('tx', peerId)) continue;
      this.framer.forget(peerId);
      this.laneBase.delete(`rx ${peerId}`);
      this.laneBase.delete(`tx ${peerId}`);
    }
  }

  /** Idle framing: ends the messages whose peer went quiet before `now` (µs). */
  flush(now: number): void {
    this.framer.flush(now, this.sink);
  }

  /** Bytes the view's columns take. */
  get memoryBytes(): number {
    let n = this.laneIds.bytes + this.starts.bytes + this.lengths.bytes + this.errors.bytes;
    for (const rows of this.laneRows.values()) n += rows.bytes;
    return n;
  }

  private add(
    dir: 'rx' | 'tx',
    peerId: string,
    streamStart: number,
    length: number,
    error?: MessageRef,
  ): void {
    const lane = this.index.laneFor(dir, peerId);
    // Let go (the log holds none of the peer's chunks): the message is gone.
    if (!lane) return;
    const position = this.starts.length;
    this.laneIds.push(lane.id);
    this.starts.push((this.laneBase.get(`${dir} ${peerId}`) ?? 0) + streamStart);
    this.lengths.push(length);
    this.errors.push(error === undefined ? 0 : this.errorId(error));
    let rows = this.laneRows.get(lane.id);
    if (!rows) this.laneRows.set(lane.id, (rows = f64()));
    rows.push(position);
    if (this.starts.size > FRAMED_ROWS_MAX) this.dropBefore(this.starts.start + 1);
  }

  private errorId(error: MessageRef): number {
    const key = JSON.stringify(error);
    let id = this.errorIds.get(key);
    if (id === undefined) {
      if (this.errorTexts.length >= ERRORS_MAX) return ERRORS_MAX;
      this.errorTexts.push(error);
      this.errorIds.set(key, (id = this.errorTexts.length));
    }
    return id;
  }

  /** The framer lost bytes under it (evicted before they were framed): start again at `ordinal`. */
  private restart(ordinal: number): void {
    this.framer = createFrameCutter(this.spec);
    this.laneBase = new Map();
    this.next = ordinal;
  }

  /** Lets go of leading rows whose bytes the log evicted. */
  private trim(): void {
    let p = this.starts.start;
    while (p < this.starts.length) {
      const lane = this.index.lane(this.laneIds.at(p));
      if (lane && this.starts.at(p) >= lane.firstByte) break;
      p++;
    }
    if (p > this.starts.start) this.dropBefore(p);
  }

  private dropBefore(p: number): void {
    for (let q = this.starts.start; q < p; q++) {
      const id = this.laneIds.at(q);
      const rows = this.laneRows.get(id);
      rows?.dropBefore(this.laneRowIndexAfter(q));
      // Lanes come and go with peers (log-index.ts): keep none without rows.
      if (rows?.size === 0) this.laneRows.delete(id);
    }
    this.laneIds.dropBefore(p);
    this.starts.dropBefore(p);
    this.lengths.dropBefore(p);
    this.errors.dropBefore(p);
  }

  /** Index in its lane's row list just past row `q` (the lane's rows are dropped in order too). */
  private laneRowIndexAfter(q: number): number {
    const rows = this.laneRows.get(this.laneIds.at(q))!;
    return rows.start < rows.length && rows.at(rows.start) === q ? rows.start + 1 : rows.start;
  }
}
