/**
 * A refresh that runs one at a time, the last news always answered: asked
 * while it runs, it runs once more after it (however often it was asked), so
 * a burst of news costs one request in flight and one after it, not one each.
 */
export class OneAtATime {
  private running = false;
  private again = false;

  /**
   * `once` is one refresh; it returns false to end the run whatever was asked
   * meanwhile (its request failed). `stopped` ends the run between refreshes.
   */
  constructor(
    private readonly once: () => Promise<boolean | void>,
    private readonly stopped: () => boolean,
  ) {}

  /** Resolves true once a run ends, false at once when one was already running (it answers this call too). */
  async run(): Promise<boolean> {
    if (this.running) {
      this.again = true;
      return false;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        if ((await this.once()) === false) break;
      } while (this.again && !this.stopped());
    } finally {
      this.running = false;
    }
    return true;
  }
}
