/** How a window's batcher paces and bounds what it sends (event-batcher.ts). */
export interface BatcherOptions {
  /** At most one batch per interval: ~30 a second. */
  intervalMs: number;
  /** Batches sent but not yet acknowledged before we stop sending. */
  maxInflight: number;
  /**
   * Chunk bytes waiting for a window that is behind; past this the oldest are
   * skipped. They wait in the log (log-cursor.ts), so this bounds how far a
   * window may lag; each chunk also weighs what it costs beyond its bytes
   * (CHUNK_OVERHEAD_BYTES), so a flood of empty datagrams is bounded too.
   */
  maxPendingBytes: number;
  /** Chunk bytes in one batch (each chunk weighed the same way), so one message never grows huge. */
  maxBatchBytes: number;
  /**
   * Chunks in one batch: a flood of tiny datagrams (or a send to 15,000
   * peers) is thousands of rows in few bytes, and encoding them holds the
   * main process's loop. The rest wait for the next batch.
   */
  maxBatchChunks: number;
  /** Non-chunk events held for a window that is behind. */
  maxPendingEvents: number;
  /** Peers (added or changed) of one endpoint in one batch; the rest follow in the next. */
  maxPeersPerBatch: number;
}

export const DEFAULT_BATCHER_OPTIONS: BatcherOptions = {
  intervalMs: 33,
  maxInflight: 4,
  maxPendingBytes: 16 * 1024 * 1024,
  // Each byte costs the window's main thread; bigger batches make clicks wait (bench/README.md).
  maxBatchBytes: 256 * 1024,
  maxBatchChunks: 4096,
  maxPendingEvents: 1000,
  // ~200 KB of peers: a list of 15,000 reaches a new window in half a second of small batches.
  maxPeersPerBatch: 1000,
};
