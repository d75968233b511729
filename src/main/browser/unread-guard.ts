import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { Queue } from '../../shared/collections/queue';

/**
 * Replies a socket may leave unread before the server starts none of its
 * calls and stops reading it. A page reads what it is sent at
 * once; a script that sends calls and never reads would otherwise make the
 * server build and hold every reply (an exportLog alone may be 256 MiB).
 */
export const MAX_UNREAD_BYTES = 16 * 1024 * 1024;

export type CallHandler = (raw: Buffer, isBinary: boolean) => void;

/**
 * One API socket's calls, started one per turn of the event loop (so a
 * synchronous handler's reply is already queued on the socket when the
 * next is weighed) and only while the peer reads: past the limit the socket
 * is paused, which stops its calls at TCP, and what it already sent waits
 * here, in order, until the backlog drains. (Pings need nothing here: ws
 * ends a socket that leaves too many of its pongs unread.)
 */
export class UnreadGuard {
  private readonly waiting = new Queue<[Buffer, boolean]>();
  private scheduled = false;
  private awaitingDrain = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly socket: Duplex,
    private readonly handle: CallHandler,
    private readonly limit = MAX_UNREAD_BYTES,
  ) {
    ws.on('close', () => this.waiting.clear());
  }

  /** Calls that arrived and are not started yet. */
  get waitingCalls(): number {
    return this.waiting.length;
  }

  /** Whether the socket is not being read because its peer is behind. */
  get paused(): boolean {
    return this.ws.isPaused;
  }

  call(raw: Buffer, isBinary: boolean): void {
    this.waiting.push([raw, isBinary]);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.awaitingDrain || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.next();
    });
  }

  private next(): void {
    if (this.ws.readyState !== this.ws.OPEN) {
      this.waiting.clear();
      return;
    }
    if (this.holdBackIfBehind()) return;
    const call = this.waiting.shift();
    if (call) this.handle(call[0], call[1]);
    this.schedule();
  }

  /** True (and the socket paused until it drains) when the peer has too much unread. */
  private holdBackIfBehind(): boolean {
    if (this.ws.bufferedAmount <= this.limit) return false;
    if (this.awaitingDrain) return true;
    this.awaitingDrain = true;
    this.ws.pause();
    const resume = (): void => {
      this.socket.off('drain', resume);
      this.socket.off('close', resume);
      this.awaitingDrain = false;
      if (this.ws.readyState === this.ws.OPEN) this.ws.resume();
      this.schedule();
    };
    this.socket.on('drain', resume);
    this.socket.on('close', resume);
    return true;
  }
}
