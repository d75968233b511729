/** One block of log memory, filled front to back, reused once all its chunks are evicted. */
export interface Slab {
  /** On a SharedArrayBuffer, so the search worker reads it where it is (search-worker.ts). */
  readonly buf: Uint8Array;
  used: number;
  /** Chunks in the log whose bytes live here. */
  live: number;
}

export const SLAB_BYTES = 4 * 1024 * 1024;
/** Bigger chunks are kept as they came (sent payloads, mostly): copying them buys nothing, and a slab wastes less than this at its end. */
export const POOLED_MAX_BYTES = 256 * 1024;

/**
 * The capture log's memory. A chunk that arrives is copied into a slab; the
 * log keeps only slabs, which are recycled when eviction empties them, and
 * can be mapped ahead of time (CaptureLog.warmUp): touching fresh pages,
 * not copying, is what a log costs (figures: bench/README.md).
 *
 * A view into a slab is good while its chunk is in the log: whoever keeps
 * a chunk longer asks CaptureLog.holds() first (a window's batcher keeps
 * none: it reads the log by seq when a batch goes), and whoever hands
 * bytes on (the wire encoder, the exports) copies them.
 *
 * Slabs live on SharedArrayBuffers: the search worker scans them in place,
 * without a copy, while the sockets go on writing into the log. Node's
 * Buffer, fs, net, dgram and TextDecoder take views of them like any other;
 * a structured clone would share rather than copy them, which is one more
 * reason a view of a slab never reaches a serializer (transports copy).
 */
export class SlabPool {
  private current: Slab | null = null;
  private readonly spare: Slab[] = [];
  private total = 0;

  constructor(private maxSlabs: number) {}

  /** Slabs allocated now (in use, current and spare). */
  get slabs(): number {
    return this.total;
  }

  setMaxSlabs(n: number): void {
    this.maxSlabs = n;
    while (this.total > this.maxSlabs && this.spare.length > 0) {
      this.spare.pop();
      this.total--;
    }
  }

  /**
   * Allocates one more spare slab and writes to all of it, so its pages are
   * mapped before a flood needs them; false once `target` slabs exist.
   */
  warmOne(target: number): boolean {
    if (this.total >= Math.min(target, this.maxSlabs)) return false;
    const slab = this.allocate();
    slab.buf.fill(0);
    this.spare.push(slab);
    return true;
  }

  /**
   * The slab the last copy went into, to release when its chunk is evicted
   * (null: not pooled). A field, not a second result: copy() runs once a
   * datagram, and a result object each time is garbage a flood makes.
   */
  lastSlab: Slab | null = null;

  /**
   * Copies `data` into a slab and says where it starts there (its slab:
   * lastSlab); -1 when it is too big to pool (lastSlab null), and is kept
   * as it came. No view is made: a caller whose bytes are its own to give
   * needs none (CaptureLog.append).
   */
  place(data: Uint8Array): number {
    if (data.byteLength > POOLED_MAX_BYTES) {
      this.lastSlab = null;
      return -1;
    }
    let slab = this.current;
    if (!slab || slab.used + data.byteLength > slab.buf.byteLength) {
      if (slab && slab.live === 0) this.recycle(slab);
      slab = this.current = this.spare.pop() ?? this.allocate();
    }
    const offset = slab.used;
    slab.buf.set(data, offset);
    slab.used += data.byteLength;
    slab.live++;
    this.lastSlab = slab;
    return offset;
  }

  /** A chunk left the log; its slab is reused once it holds none. */
  release(slab: Slab | null): void {
    if (!slab) return;
    slab.live--;
    if (slab.live === 0 && slab !== this.current) this.recycle(slab);
  }

  private allocate(): Slab {
    this.total++;
    return { buf: new Uint8Array(new SharedArrayBuffer(SLAB_BYTES)), used: 0, live: 0 };
  }

  private recycle(slab: Slab): void {
    slab.used = 0;
    if (this.total > this.maxSlabs) this.total--;
    else this.spare.push(slab);
  }
}

/** Slabs a log of `budgetBytes` may hold: its bytes plus the one being filled and one spare. */
export function slabsFor(budgetBytes: number): number {
  return Math.ceil(budgetBytes / SLAB_BYTES) + 2;
}
