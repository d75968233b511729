/**
 * Work done on the event loop that serves the sockets, a slice at a time:
 * run() does at most one slice and says whether more is waiting now (the
 * next slice runs after the loop has served I/O) or later (it runs again
 * after `laterMs`, gathering what came meanwhile into one go).
 */
export class SlicedWork {
  private immediate: NodeJS.Immediate | null = null;
  private timer: NodeJS.Timeout | null = null;
  private disposed = false;

  constructor(
    private readonly run: () => 'now' | 'later' | 'idle',
    private readonly laterMs: number,
  ) {}

  /** Asks for a slice: at once (urgent), or within laterMs. */
  schedule(urgent: boolean): void {
    if (this.disposed || this.immediate) return;
    if (urgent) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.immediate = setImmediate(() => {
        this.immediate = null;
        this.slice();
      });
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.slice();
      }, this.laterMs);
      // Waiting for new chunks never keeps the process alive.
      this.timer.unref();
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.immediate) clearImmediate(this.immediate);
    if (this.timer) clearTimeout(this.timer);
  }

  private slice(): void {
    const next = this.run();
    if (next !== 'idle') this.schedule(next === 'now');
  }
}
