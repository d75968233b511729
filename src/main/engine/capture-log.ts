import type { Chunk } from '../../shared/contract';

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
 * Chunks are kept as they arrived: formatting is left to whoever reads them.
 */
export class CaptureLog {
  private chunks: Chunk[] = [];
  private head = 0;
  private used = 0;
  private nextSeq = 0;
  private readonly dropped = new Map<string, DropCount>();

  constructor(
    private budgetBytes = DEFAULT_LOG_BUDGET_BYTES,
    private readonly onEvict?: (endpointId: string, drop: DropCount) => void,
  ) {}

  get budget(): number {
    return this.budgetBytes;
  }

  get usedBytes(): number {
    return this.used;
  }

  get size(): number {
    return this.chunks.length - this.head;
  }

  setBudget(bytes: number): void {
    this.budgetBytes = bytes;
    this.evict();
  }

  /** Stores a chunk and gives it its sequence number. */
  append(chunk: Omit<Chunk, 'seq'>): Chunk {
    const stored = chunk as Chunk;
    stored.seq = this.nextSeq++;
    this.chunks.push(stored);
    this.used += stored.data.byteLength + CHUNK_OVERHEAD_BYTES;
    if (this.used > this.budgetBytes) this.evict();
    return stored;
  }

  /** Chunks of one endpoint with seq > afterSeq, oldest first, at most `limit`. */
  read(endpointId: string, afterSeq: number, limit: number): Chunk[] {
    const out: Chunk[] = [];
    for (
      let i = this.firstIndexAfter(afterSeq);
      i < this.chunks.length && out.length < limit;
      i++
    ) {
      const c = this.chunks[i];
      if (c && c.endpointId === endpointId) out.push(c);
    }
    return out;
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
    const kept = this.chunks.slice(this.head).filter((c) => c.endpointId !== endpointId);
    this.used = kept.reduce((sum, c) => sum + c.data.byteLength + CHUNK_OVERHEAD_BYTES, 0);
    this.chunks = kept;
    this.head = 0;
    this.dropped.delete(endpointId);
  }

  private firstIndexAfter(seq: number): number {
    let lo = this.head;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.chunks[mid]?.seq ?? Infinity) > seq) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private evict(): void {
    const perEndpoint = new Map<string, DropCount>();
    while (this.used > this.budgetBytes && this.head < this.chunks.length) {
      const c = this.chunks[this.head];
      this.chunks[this.head++] = undefined as unknown as Chunk;
      if (!c) continue;
      const size = c.data.byteLength;
      this.used -= size + CHUNK_OVERHEAD_BYTES;
      const d = perEndpoint.get(c.endpointId) ?? { chunks: 0, bytes: 0 };
      d.chunks++;
      d.bytes += size;
      perEndpoint.set(c.endpointId, d);
    }
    // Compact now and then instead of shifting on every eviction.
    if (this.head > 4096 && this.head * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
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
