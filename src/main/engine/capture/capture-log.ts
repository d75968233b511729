import type { Chunk } from '../../../shared/contract';
import { ChunkColumns } from './chunk-columns';
import { SLAB_BYTES, SlabPool, slabsFor } from './slab-pool';

/** Bookkeeping a stored chunk costs beyond its bytes (object, array slot, view). */
export const CHUNK_OVERHEAD_BYTES = 96;
export const DEFAULT_LOG_BUDGET_BYTES = 256 * 1024 * 1024;

export interface DropCount {
  chunks: number;
  bytes: number;
}

/**
 * Told by the log before it lets go of chunks, while they can still be
 * read: a window's batcher reads its chunks from the log by seq when it
 * sends them, so what leaves first must be counted as skipped then.
 */
export interface LogWatcher {
  /** Every chunk with a seq below `beforeSeq` is about to be evicted. */
  evicting(beforeSeq: number): void;
  /** An endpoint's chunks were let go (forget()): seqs held are no longer consecutive. */
  forgot(endpointId: string): void;
}

/**
 * Every chunk in and out, in arrival order, within a byte budget. When the
 * budget is exceeded the oldest chunks go first, and what went is counted per
 * endpoint so the UI can say "N chunks / M bytes dropped from the view".
 * Chunks are kept as they arrived, copied into recycled slabs (slab-pool.ts)
 * and described by columns (ChunkColumns): formatting is left to whoever
 * reads them.
 */
export class CaptureLog {
  private held = new ChunkColumns();
  private readonly pool: SlabPool;
  private used = 0;
  /** warmUp() was asked for: a larger budget is mapped ahead of time too. */
  private warm = false;
  private nextSeq = 0;
  private readonly dropped = new Map<string, DropCount>();
  /** Endpoints whose chunks forget() let go (ids are never reused). */
  private readonly forgotten = new Set<string>();
  private readonly watchers: LogWatcher[] = [];

  constructor(
    private budgetBytes = DEFAULT_LOG_BUDGET_BYTES,
    private readonly onEvict?: (endpointId: string, drop: DropCount) => void,
  ) {
    this.pool = new SlabPool(slabsFor(budgetBytes));
  }

  /**
   * Maps the budget's memory ahead of time, one slab per turn of the event
   * loop (a few ms each), so the first flood writes into pages that are
   * already there: the app's memory is then the budget from the start,
   * which is what the budget says it may be. Stops early if the budget
   * shrinks meanwhile.
   */
  async warmUp(): Promise<void> {
    this.warm = true;
    while (this.pool.warmOne(Math.ceil(this.budgetBytes / SLAB_BYTES))) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Slabs the log's memory is made of now (for tests and the benchmark). */
  get slabCount(): number {
    return this.pool.slabs;
  }

  get budget(): number {
    return this.budgetBytes;
  }

  get usedBytes(): number {
    return this.used;
  }

  get size(): number {
    return this.held.size;
  }

  setBudget(bytes: number): void {
    this.budgetBytes = bytes;
    this.evict();
    this.pool.setMaxSlabs(slabsFor(bytes));
    if (this.warm) void this.warmUp();
  }

  /**
   * Stores a copy of a chunk's bytes and gives it its sequence number.
   * Returns the chunk, now holding the log's copy: the bytes given may be a
   * read buffer that is reused at once (landing-reads.ts). The copy lives in
   * a slab that is reused after eviction, so whoever keeps the chunk past
   * this turn checks holds() before reading its bytes.
   *
   * `owned`: the bytes are the caller's to give and nobody writes to them
   * again (a datagram's own buffer): the chunk keeps them, and no view of
   * the copy is made, which is one object fewer a datagram in a flood.
   */
  append(chunk: Omit<Chunk, 'seq'> & { seq?: number }, owned = false): Chunk {
    const stored = chunk as Chunk;
    stored.seq = this.nextSeq++;
    const data = stored.data;
    const offset = this.pool.place(data);
    const slab = this.pool.lastSlab;
    if (slab && !owned) stored.data = slab.buf.subarray(offset, offset + data.byteLength);
    this.held.push(stored, slab ?? data, slab ? offset : 0);
    this.used += data.byteLength + CHUNK_OVERHEAD_BYTES;
    if (this.used > this.budgetBytes) this.evict();
    return stored;
  }

  /** The sequence number of the oldest chunk held (the next one's when the log is empty). */
  get oldestSeq(): number {
    return this.held.size > 0 ? this.held.seqs.at(this.held.start) : this.nextSeq;
  }

  /** Whether a chunk append() returned is still here, so its bytes are still its own. */
  holds(chunk: Chunk): boolean {
    return (
      this.held.size > 0 && chunk.seq >= this.oldestSeq && !this.forgotten.has(chunk.endpointId)
    );
  }

  /** Chunks of one endpoint with seq > afterSeq, oldest first, at most `limit`. */
  read(endpointId: string, afterSeq: number, limit: number): Chunk[] {
    const out: Chunk[] = [];
    const held = this.held;
    const end = held.end;
    for (let i = held.seqs.upperBound(afterSeq); i < end && out.length < limit; i++) {
      if (held.endpointAt(i) === endpointId) out.push(held.chunk(i));
    }
    return out;
  }

  /**
   * The chunk with this seq while the log holds it, made now. O(1) while no
   * endpoint was forgotten (seqs are then consecutive from the oldest),
   * O(log n) after.
   */
  chunkBySeq(seq: number): Chunk | undefined {
    const held = this.held;
    const i = this.indexOfSeq(seq);
    return i < held.end && held.seqs.at(i) === seq ? held.chunk(i) : undefined;
  }

  /** The seq the next chunk appended gets: every seq below it was handed out. */
  get endSeq(): number {
    return this.nextSeq;
  }

  /*
   * Reading by index, for walks over a range of seqs (a window's batcher):
   * typed-column reads, no Chunk made unless asked. An index holds until
   * the next forget(); keep seqs across turns, not indexes.
   */

  /** Index of the first chunk held whose seq is >= `seq` (endIndex if none): O(1) until a forget(). */
  indexOfSeq(seq: number): number {
    const held = this.held;
    if (held.size === 0) return held.end;
    const oldest = held.seqs.at(held.start);
    if (seq <= oldest) return held.start;
    if (seq > held.seqs.last()) return held.end;
    const i = held.start + (seq - oldest);
    return i < held.end && held.seqs.at(i) === seq ? i : held.seqs.lowerBound(seq);
  }

  /** Index just past the newest chunk held. */
  get endIndex(): number {
    return this.held.end;
  }

  seqAt(i: number): number {
    return this.held.seqs.at(i);
  }

  lengthAt(i: number): number {
    return this.held.lengthAt(i);
  }

  endpointAt(i: number): string {
    return this.held.endpointAt(i);
  }

  chunkAt(i: number): Chunk {
    return this.held.chunk(i);
  }

  /** Tells `watcher` before chunks leave; returns what stops it. */
  watch(watcher: LogWatcher): () => void {
    this.watchers.push(watcher);
    return () => {
      const at = this.watchers.indexOf(watcher);
      if (at >= 0) this.watchers.splice(at, 1);
    };
  }

  droppedFor(endpointId: string): DropCount {
    return { ...(this.dropped.get(endpointId) ?? { chunks: 0, bytes: 0 }) };
  }

  /** What was evicted so far, per endpoint that lost anything. */
  droppedAll(): Array<{ endpointId: string } & DropCount> {
    return [...this.dropped].map(([endpointId, d]) => ({ endpointId, ...d }));
  }

  /** Forgets an endpoint's chunks and counts (it was removed by the user). */
  forget(endpointId: string): void {
    const old = this.held;
    const kept = new ChunkColumns();
    this.used = 0;
    for (let i = old.start; i < old.end; i++) {
      const store = old.storeAt(i);
      if (old.endpointAt(i) === endpointId) {
        if (!(store instanceof Uint8Array)) this.pool.release(store);
        continue;
      }
      const c = old.chunk(i);
      kept.push(c, store, old.offsetAt(i));
      this.used += c.data.byteLength + CHUNK_OVERHEAD_BYTES;
    }
    this.held = kept;
    this.dropped.delete(endpointId);
    this.forgotten.add(endpointId);
    for (const w of this.watchers) w.forgot(endpointId);
  }

  private evict(): void {
    if (this.watchers.length > 0) this.warnWatchers();
    const perEndpoint = new Map<string, DropCount>();
    while (this.used > this.budgetBytes && this.held.size > 0) {
      const { endpointId, bytes, store } = this.held.shift();
      if (!(store instanceof Uint8Array)) this.pool.release(store);
      this.used -= bytes + CHUNK_OVERHEAD_BYTES;
      const d = perEndpoint.get(endpointId) ?? { chunks: 0, bytes: 0 };
      d.chunks++;
      d.bytes += bytes;
      perEndpoint.set(endpointId, d);
    }
    for (const [endpointId, d] of perEndpoint) {
      const total = this.dropped.get(endpointId) ?? { chunks: 0, bytes: 0 };
      total.chunks += d.chunks;
      total.bytes += d.bytes;
      this.dropped.set(endpointId, total);
      this.onEvict?.(endpointId, d);
    }
  }

  /**
   * Says to each watcher where the eviction about to run stops. It runs on
   * every append once the log is full, usually for one chunk: one read per
   * chunk going and one call per watcher, nothing allocated.
   */
  private warnWatchers(): void {
    const held = this.held;
    let used = this.used;
    let i = held.start;
    while (used > this.budgetBytes && i < held.end) {
      used -= held.lengthAt(i++) + CHUNK_OVERHEAD_BYTES;
    }
    const beforeSeq = i < held.end ? held.seqs.at(i) : this.nextSeq;
    for (const w of this.watchers) w.evicting(beforeSeq);
  }
}
