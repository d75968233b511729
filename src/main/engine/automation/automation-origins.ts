import type { ChunkOrigin } from '../../../shared/contract';

/**
 * Bytes automation sent, by their buffer, so the record path can tag the
 * chunks they become (the log marks a reply with its rule). A buffer is
 * composed for one send and never reused, and every endpoint records the
 * very bytes it wrote (or a view of them), so this needs no hook in any
 * endpoint class; the entry goes with the buffer.
 */
export class AutomationOrigins {
  private readonly origins = new WeakMap<ArrayBufferLike, ChunkOrigin>();

  /** A copy of `bytes` in a buffer of its own, remembered as sent by `origin`. */
  tag(bytes: Uint8Array, origin: ChunkOrigin): Uint8Array {
    const own = new Uint8Array(bytes);
    this.origins.set(own.buffer, origin);
    return own;
  }

  /** Who sent these bytes, when automation did. */
  of(data: Uint8Array): ChunkOrigin | undefined {
    return this.origins.get(data.buffer);
  }
}
