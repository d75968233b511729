/**
 * What a periodic send and a sequence share: a run on one target, started
 * once, that the person may stop at any time and that ends when its target
 * closes, both through the one signal (`stopper`) every wait of the run
 * listens to. `stoppedByUser` tells the two apart.
 */
export abstract class TargetRun<Outcome> {
  /** Aborted by stop() or by the target going away: one signal for every wait. */
  protected readonly stopper = new AbortController();
  protected stoppedByUser = false;
  private running: Promise<Outcome> | null = null;

  /** `closed`: the target's signal, aborted when the connection (or the peer) goes away. */
  constructor(private readonly closed: AbortSignal) {}

  /** Starts; resolves with how the run ended. Calling it again returns the same run. */
  start(): Promise<Outcome> {
    this.running ??= this.runUntilClosed();
    return this.running;
  }

  /** Stops the run: what it was doing ends as stopped (each run says how). */
  stop(): void {
    this.stoppedByUser = true;
    this.stopper.abort();
  }

  protected abstract run(): Promise<Outcome>;

  private async runUntilClosed(): Promise<Outcome> {
    const onClosed = (): void => this.stopper.abort();
    if (this.closed.aborted) onClosed();
    else this.closed.addEventListener('abort', onClosed, { once: true });
    try {
      return await this.run();
    } finally {
      this.closed.removeEventListener('abort', onClosed);
    }
  }
}
