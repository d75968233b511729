import type { EngineSink } from './endpoint';

/** Fewer events than this many bytes apart would only cost the window time. */
const MIN_STEP_BYTES = 256 * 1024;
/** About this many updates over a whole send, however large. */
const STEPS = 64;

/**
 * Turns the slices a send hands to the kernel into `send-progress` events.
 * Steps are counted in bytes, not time, so a slow peer (backpressure) shows
 * as a bar that creeps rather than a burst of events, and tests see the same
 * sequence on any machine.
 */
export class SendProgress {
  private total: number;
  private sent = 0;
  private reported = 0;

  constructor(
    private readonly endpointId: string,
    private readonly sendId: string,
    private readonly payloadBytes: number,
    private readonly sink: EngineSink,
  ) {
    this.total = payloadBytes;
  }

  /** A send to all peers of a server writes the payload once per peer. */
  expectPeers(count: number): void {
    this.total = this.payloadBytes * Math.max(1, count);
  }

  wrote(bytes: number): void {
    this.sent += bytes;
    const step = Math.max(MIN_STEP_BYTES, Math.ceil(this.total / STEPS));
    if (this.sent - this.reported >= step && this.sent < this.total) {
      this.reported = this.sent;
      this.emit(false);
    }
  }

  /** The send ended: `bytes` went out in all, or null when it failed part way. */
  finish(bytes: number | null): void {
    if (bytes !== null) this.total = bytes;
    this.emit(true);
  }

  private emit(done: boolean): void {
    this.sink.event({
      type: 'send-progress',
      endpointId: this.endpointId,
      sendId: this.sendId,
      sent: this.sent,
      total: this.total,
      done,
    });
  }
}
