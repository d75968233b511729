import type { EngineSink } from './endpoint';

/**
 * How a send is followed and stopped: `onWrote` hears each slice handed to the
 * kernel (any peer), for a progress bar; `signal` cancels a stream send between
 * slices (a datagram goes at once).
 */
export interface SendWatch {
  onWrote?: (bytes: number) => void;
  signal?: AbortSignal;
}

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
  private peers = 1;
  private sent = 0;
  private reported = 0;
  private done = false;

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
    this.peers = Math.max(1, count);
    this.total = this.payloadBytes * this.peers;
  }

  /** Bytes the send means to hand over in all (the payload once per peer). */
  get expected(): number {
    return this.total;
  }

  wrote(bytes: number): void {
    // A cancelled send's last slice may still reach the kernel later: it is the
    // connection's now (counted and logged there), no longer this send's.
    if (this.done) return;
    this.sent += bytes;
    // To thousands of peers a small payload is still a long send: its steps are its own.
    const even = Math.ceil(this.total / STEPS);
    const step = this.peers > 1 ? even : Math.max(MIN_STEP_BYTES, even);
    if (this.sent - this.reported >= step && this.sent < this.total) {
      this.reported = this.sent;
      this.emit(false);
    }
  }

  /** The send ended: `bytes` went out in all, or null when it failed part way. */
  finish(bytes: number | null): void {
    if (bytes !== null) this.total = bytes;
    this.done = true;
    this.emit(true);
  }

  /** The send was cancelled after `bytes`: the last event shows how far it got, of how much. */
  cancelled(bytes: number): void {
    this.sent = bytes;
    this.done = true;
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
