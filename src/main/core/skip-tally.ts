/** Chunks and bytes one window was not sent, for one endpoint. */
export interface SkipCount {
  endpointId: string;
  chunks: number;
  bytes: number;
}

/**
 * What one window was not sent, per endpoint. Skips are counted chunk by
 * chunk while a batcher walks the log, in long runs of one endpoint (a
 * flood is one peer's): a run is summed in plain fields, and the map is
 * touched only when the endpoint changes, never per chunk.
 */
export class SkipTally {
  private runEndpoint: string | null = null;
  private runChunks = 0;
  private runBytes = 0;
  private readonly totals = new Map<string, SkipCount>();

  add(endpointId: string, bytes: number): void {
    if (endpointId !== this.runEndpoint) this.closeRun(endpointId);
    this.runChunks++;
    this.runBytes += bytes;
  }

  get empty(): boolean {
    return this.runChunks === 0 && this.totals.size === 0;
  }

  /** The counts since the last drain, an endpoint each in the order first skipped; then none. */
  drain(): SkipCount[] {
    this.closeRun(null);
    const out = [...this.totals.values()];
    this.totals.clear();
    return out;
  }

  /** Lets go of a removed endpoint's counts: its window forgets it, there is nobody to tell. */
  forget(endpointId: string): void {
    if (this.runEndpoint === endpointId) this.closeRun(null);
    this.totals.delete(endpointId);
  }

  private closeRun(next: string | null): void {
    if (this.runEndpoint !== null && this.runChunks > 0) {
      const endpointId = this.runEndpoint;
      const total = this.totals.get(endpointId);
      if (total) {
        total.chunks += this.runChunks;
        total.bytes += this.runBytes;
      } else
        this.totals.set(endpointId, { endpointId, chunks: this.runChunks, bytes: this.runBytes });
    }
    this.runEndpoint = next;
    this.runChunks = 0;
    this.runBytes = 0;
  }
}
