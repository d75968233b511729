import type { Chunk } from '../../shared/contract/chunk';
import type { FramingSpec } from '../../shared/framing/framing-spec';
import {
  createConnectionFramer,
  type ConnectionFramer,
  type FramedMessage,
} from '../../main/engine/framing/connection-framer';

/** A message with the endpoint it belongs to. */
export type StreamMessage = FramedMessage & { endpointId: string };

/**
 * The endpoint's chunks as messages, cut by --framing with the engine's
 * connection framer (the code the app's framed views and auto-reply rules
 * run): received bytes per peer by the spec, each sent chunk as written.
 * Idle framing needs time to pass, so a timer ends a message after the gap.
 */
export class MessageStream {
  private readonly framer: ConnectionFramer;
  private readonly listeners = new Set<(m: StreamMessage) => void>();
  private idleTimer: NodeJS.Timeout | undefined;
  private endpointId = '';

  constructor(
    framing: FramingSpec,
    /** The clock the chunk times come from (µs). */
    private readonly now: () => number,
  ) {
    this.framer = createConnectionFramer(framing);
  }

  onMessage(listener: (m: StreamMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  push(chunk: Chunk): void {
    this.endpointId = chunk.endpointId;
    this.emit(this.framer.push(chunk));
    this.armIdleFlush();
  }

  /** Stops the idle timer; returns the received bytes held in frames never completed. */
  finish(): number {
    clearTimeout(this.idleTimer);
    return this.framer.pending();
  }

  private emit(messages: FramedMessage[]): void {
    for (const m of messages) {
      const message = Object.assign(m, { endpointId: this.endpointId });
      for (const l of this.listeners) l(message);
    }
  }

  private armIdleFlush(): void {
    const spec = this.framer.spec;
    if (spec.mode !== 'idle' || this.framer.pending() === 0) return;
    clearTimeout(this.idleTimer);
    // A millisecond more: a Node timer can fire a little before the µs clock says the gap is over.
    this.idleTimer = setTimeout(() => {
      this.emit(this.framer.flush(this.now()));
      this.armIdleFlush();
    }, spec.gapMs + 1);
  }
}
