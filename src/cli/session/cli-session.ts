import type { Chunk } from '../../shared/contract/chunk';
import type { EndpointInfo, EndpointSpecInput } from '../../shared/contract/endpoint';
import { endpointSpec } from '../../shared/contract/endpoint';
import type { WirebenchEvent } from '../../shared/contract/events';
import type { CaptureFileStatus } from '../../shared/contract/ops/capture-ops';
import { formatHostPort, unmapIPv4 } from '../../shared/net/address';
import { createMicroClock } from '../../main/engine/clock';
import type { Endpoint, EngineSink } from '../../main/engine/endpoint';
import { Engine } from '../../main/engine/engine';
import { englishOf } from '../../shared/messages/plain-formats';
import { CommandFailed, Interrupted } from '../cli-errors';
import { errorSentence, issueSentence } from '../messages';
import type { Terminal } from '../terminal';
import { PeerWatch } from './peer-watch';

/**
 * The command line's engine: the app's Engine with one endpoint, and a sink
 * that hands every recorded chunk to whoever listens (the printer, the
 * automation) and turns "changed" into peer and state events (peer-watch.ts).
 *
 * The capture log is small here (CLI_LOG_BUDGET_BYTES): a terminal never
 * pages back through it, and every byte still passes through it, is counted,
 * and reaches a --capture file on the engine's own record path.
 */

export const CLI_LOG_BUDGET_BYTES = 8 * 1024 * 1024;

export class CliSession {
  readonly clock = createMicroClock();
  readonly engine: Engine;
  readonly watch = new PeerWatch();
  private readonly chunkListeners = new Set<(chunk: Chunk) => void>();
  private readonly errorListeners = new Set<(sentence: string) => void>();
  private endpointId: string | null = null;
  private checkScheduled = false;
  private disposed: Promise<void> | null = null;
  private readonly interrupt: AbortSignal;

  constructor(
    private readonly terminal: Terminal,
    options: { logBudgetBytes?: number; interrupt?: AbortSignal } = {},
  ) {
    this.interrupt = options.interrupt ?? new AbortController().signal;
    const sink: EngineSink = {
      // After a chunk (the hot path), once per turn; anything else (a peer
      // accepted or closed, a state) at once, so no short peer goes unseen.
      chunk: (chunk) => {
        for (const listener of this.chunkListeners) listener(chunk);
        if (this.checkScheduled) return;
        this.checkScheduled = true;
        setImmediate(() => {
          this.checkScheduled = false;
          this.check();
        });
      },
      changed: () => this.check(),
      event: (event) => this.onEvent(event),
    };
    this.engine = new Engine({
      sink,
      clock: this.clock,
      logBudgetBytes: options.logBudgetBytes ?? CLI_LOG_BUDGET_BYTES,
      dataDir: null,
    });
  }

  /** Whether the endpoint opened (a failed open leaves nothing to summarise). */
  get opened(): boolean {
    return this.endpointId !== null;
  }

  /** The one endpoint, once open. */
  get endpoint(): Endpoint {
    if (this.endpointId === null) throw new Error('no endpoint is open');
    return this.engine.get(this.endpointId);
  }

  get id(): string {
    return this.endpoint.id;
  }

  /**
   * Opens the endpoint; a spec the contract refuses, or a socket error, is a
   * sentence. Ctrl+C meanwhile does not wait for a dial's timeout: close()
   * then ends the dial.
   */
  async open(input: EndpointSpecInput): Promise<EndpointInfo> {
    const parsed = endpointSpec.safeParse(input);
    if (!parsed.success) throw new CommandFailed(issueSentence(parsed.error.issues[0], 'Invalid'));
    try {
      const opening = this.engine.open(parsed.data);
      opening.catch(() => undefined); // abandoned when interrupted
      const info = await Promise.race([opening, this.interrupted()]);
      this.endpointId = info.id;
      this.check();
      return info;
    } catch (err) {
      if (err instanceof Interrupted) throw err;
      throw new CommandFailed(errorSentence(err));
    }
  }

  private interrupted(): Promise<never> {
    return new Promise((_, reject) => {
      if (this.interrupt.aborted) reject(new Interrupted());
      else
        this.interrupt.addEventListener('abort', () => reject(new Interrupted()), { once: true });
    });
  }

  /** Every chunk recorded, sent or received, as it is recorded. Returns the unsubscribe. */
  onChunk(listener: (chunk: Chunk) => void): () => void {
    this.chunkListeners.add(listener);
    return () => this.chunkListeners.delete(listener);
  }

  /** Every error the engine reports (a UDP socket's ICMP answer, …), as it says it. */
  onError(listener: (sentence: string) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Captures the endpoint to `file` (pcapng) from now on. */
  startCapture(file: string): CaptureFileStatus {
    try {
      return this.engine.captures.start(this.id, file);
    } catch (err) {
      throw new CommandFailed(errorSentence(err));
    }
  }

  /** `127.0.0.1:50312` for a peer of the endpoint, gone ones included. */
  peerLabel(peerId: string): string {
    const endpoint = this.endpointId === null ? null : this.engine.get(this.endpointId);
    const peer = endpoint?.seenPeers.get(peerId)?.peer ?? endpoint?.peer(peerId);
    return peer ? formatHostPort(unmapIPv4(peer.address), peer.port) : peerId;
  }

  /** Closes every socket, finishes the capture file; safe to call more than once. */
  close(): Promise<void> {
    this.disposed ??= this.engine.dispose().then(() => {
      this.chunkListeners.clear();
      if (this.endpointId !== null && this.engine.has(this.endpointId)) this.check();
    });
    return this.disposed;
  }

  /** How each capture file ended (read after close()). */
  captures(): CaptureFileStatus[] {
    return this.engine.captures.statuses();
  }

  private check(): void {
    if (this.endpointId !== null && this.engine.has(this.endpointId))
      this.watch.check(this.engine.get(this.endpointId));
  }

  /**
   * The engine's warnings and errors, as it words them. Its notes (a peer's
   * FIN "you can still send to it", a group joined) are the app's; the
   * command line says what it does itself.
   */
  private onEvent(event: WirebenchEvent): void {
    if (event.type !== 'notice' || event.level === 'info') return;
    const sentence = englishOf(event.message);
    this.terminal.say(`wirebench: ${sentence}`);
    if (event.level === 'error') for (const l of this.errorListeners) l(sentence);
  }
}
