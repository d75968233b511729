import { Queue } from '../../../shared/collections/queue';
import { firstAfterSeq } from '../../../shared/collections/sorted-search';
import type { Chunk } from '../../../shared/contract';
import { SLAB_BYTES, SlabPool, slabsFor, type Slab } from './slab-pool';

/** Bookkeeping a stored chunk costs beyond its bytes (object, array slot, view). */
export const CHUNK_OVERHEAD_BYTES = 96;
export const DEFAULT_LOG_BUDGET_BYTES = 256 * 1024 * 1024;

export interface DropCount {
  chunks: number;
  bytes: number;
}

/**
 * Every chunk in and out, in arrival order, within a byte budget. When the
 * budget is exceeded the oldest chunks go first, and what went is counted per
 * endpoint so the UI can say "N chunks / M bytes dropped from the view".
 * Chunks are kept as they arrived, copied into recycled slabs (slab-pool.ts):
 * formatting is left to whoever reads them.
 */
export class CaptureLog {
  private chunks = new Queue<Chunk>();
  /** The slab holding each chunk's bytes (null: kept as it came), index for index. */
  private slabs = new Queue<Slab | null>();
  private readonly pool: SlabPool;
  private used = 0;
  /** warmUp() was asked for: a larger budget is mapped ahead of time too. */
  private warm = false;
  private nextSeq = 0;
  private readonly dropped = new Map<string, DropCount>();
  /** Endpoints whose chunks forget() let go (ids are never reused). */
  private readonly forgotten = new Set<string>();

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
    return this.chunks.length;
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
   */
  append(chunk: Omit<Chunk, 'seq'>): Chunk {
    const stored = chunk as Chunk;
    stored.seq = this.nextSeq++;
    const { view, slab } = this.pool.copy(stored.data);
    stored.data = view;
    this.chunks.push(stored);
    this.slabs.push(slab);
    this.used += view.byteLength + CHUNK_OVERHEAD_BYTES;
    if (this.used > this.budgetBytes) this.evict();
    return stored;
  }

  /** The sequence number of the oldest chunk held (the next one's when the log is empty). */
  get oldestSeq(): number {
    return this.chunks.at(0)?.seq ?? this.nextSeq;
  }

  /** Whether a chunk append() returned is still here, so its bytes are still its own. */
  holds(chunk: Chunk): boolean {
    const oldest = this.chunks.at(0);
    return oldest !== undefined && chunk.seq >= oldest.seq && !this.forgotten.has(chunk.endpointId);
  }

  /** Chunks of one endpoint with seq > afterSeq, oldest first, at most `limit`. */
  read(endpointId: string, afterSeq: number, limit: number): Chunk[] {
    const out: Chunk[] = [];
    for (
      let i = firstAfterSeq(this.chunks, afterSeq);
      i < this.chunks.length && out.length < limit;
      i++
    ) {
      const c = this.chunks.at(i)!;
      if (c.endpointId === endpointId) out.push(c);
    }
    return out;
  }

  /**
   * The chunk with this seq while the log holds it. O(1) while no endpoint
   * was forgotten (seqs are then consecutive from the oldest), O(log n) after.
   */
  chunkBySeq(seq: number): Chunk | undefined {
    const oldest = this.chunks.at(0);
    if (!oldest || seq < oldest.seq) return undefined;
    let c = this.chunks.at(seq - oldest.seq);
    if (c?.seq !== seq) c = this.chunks.at(firstAfterSeq(this.chunks, seq - 1));
    return c?.seq === seq ? c : undefined;
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
    const chunks = new Queue<Chunk>();
    const slabs = new Queue<Slab | null>();
    this.used = 0;
    for (let i = 0; i < this.chunks.length; i++) {
      const c = this.chunks.at(i)!;
      const slab = this.slabs.at(i) ?? null;
      if (c.endpointId === endpointId) {
        this.pool.release(slab);
        continue;
      }
      chunks.push(c);
      slabs.push(slab);
      this.used += c.data.byteLength + CHUNK_OVERHEAD_BYTES;
    }
    this.chunks = chunks;
    this.slabs = slabs;
    this.dropped.delete(endpointId);
    this.forgotten.add(endpointId);
  }

  private evict(): void {
    const perEndpoint = new Map<string, DropCount>();
    while (this.used > this.budgetBytes && this.chunks.length > 0) {
      const c = this.chunks.shift()!;
      this.pool.release(this.slabs.shift() ?? null);
      const size = c.data.byteLength;
      this.used -= size + CHUNK_OVERHEAD_BYTES;
      const d = perEndpoint.get(c.endpointId) ?? { chunks: 0, bytes: 0 };
      d.chunks++;
      d.bytes += size;
      perEndpoint.set(c.endpointId, d);
    }
    for (const [endpointId, d] of perEndpoint) {
      const total = this.dropped.get(endpointId) ?? { chunks: 0, bytes: 0 };
      total.chunks += d.chunks;
      total.bytes += d.bytes;
      this.dropped.set(endpointId, total);
      this.onEvict?.(endpointId, d);
    }
  }
}
