/**
 * The bytes a sequence has received and not yet matched. An expect looks at
 * all of them at once, so a reply split over several chunks still matches;
 * a match consumes through its end, and what came after it stays for the
 * next expect. Bounded: past MAX_PENDING_BYTES the oldest unmatched bytes
 * are dropped (and counted), since no sane expect waits on a megabyte.
 */

export const MAX_PENDING_BYTES = 1024 * 1024;

export class ReceiveBuffer {
  private buf = new Uint8Array(4096);
  private start = 0;
  private end = 0;
  private waiters: Array<() => void> = [];
  /** Unmatched bytes dropped to stay within the bound. */
  dropped = 0;

  get length(): number {
    return this.end - this.start;
  }

  push(data: Uint8Array): void {
    if (data.length === 0) return;
    if (data.length >= MAX_PENDING_BYTES) {
      this.dropped += this.length + data.length - MAX_PENDING_BYTES;
      this.buf = data.slice(data.length - MAX_PENDING_BYTES);
      this.start = 0;
      this.end = this.buf.length;
    } else {
      const over = this.length + data.length - MAX_PENDING_BYTES;
      if (over > 0) this.consume(over, true);
      this.ensureRoom(data.length);
      this.buf.set(data, this.end);
      this.end += data.length;
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** The unmatched bytes; a view, valid until the next push or consume. */
  view(): Uint8Array {
    return this.buf.subarray(this.start, this.end);
  }

  consume(n: number, dropping = false): void {
    const k = Math.min(n, this.length);
    if (dropping) this.dropped += k;
    this.start += k;
    if (this.start === this.end) this.start = this.end = 0;
  }

  /** The last `n` unmatched bytes (what a failed expect was looking at). */
  last(n: number): Uint8Array {
    return this.buf.slice(Math.max(this.start, this.end - n), this.end);
  }

  /** Resolves at the next push (or when `signal` aborts). */
  next(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const wake = (): void => {
        signal.removeEventListener('abort', wake);
        this.waiters = this.waiters.filter((w) => w !== wake);
        resolve();
      };
      this.waiters.push(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }

  private ensureRoom(extra: number): void {
    if (this.end + extra <= this.buf.length) return;
    const length = this.length;
    if (length + extra <= this.buf.length) {
      this.buf.copyWithin(0, this.start, this.end); // room enough once the matched bytes go
    } else {
      const next = new Uint8Array(Math.min(2 * (length + extra), 2 * MAX_PENDING_BYTES));
      next.set(this.buf.subarray(this.start, this.end));
      this.buf = next;
    }
    this.start = 0;
    this.end = length;
  }
}
