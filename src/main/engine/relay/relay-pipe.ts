import net from 'node:net';
import type { Disturbance } from '../../../shared/contract';
import { pieceBounds, pieceCount } from './relay-cut';

/** Above this many queued bytes the source is paused, so a stall cannot fill memory. */
const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 256 * 1024;

interface Queued {
  data: Buffer;
  at: number;
}

/** An RST, also for a TLS socket (whose own handle cannot reset: its TCP parent can). */
export function resetSocket(socket: net.Socket): void {
  const parent =
    (socket as { _parent?: unknown; _parentWrap?: unknown })._parent ??
    (socket as { _parentWrap?: unknown })._parentWrap;
  try {
    socket.resetAndDestroy();
    return;
  } catch {
    // ERR_INVALID_HANDLE_TYPE: a TLSSocket; reset the TCP socket under it.
  }
  if (parent instanceof net.Socket) parent.resetAndDestroy();
  socket.destroy();
}

/**
 * One direction of a relayed TCP conversation. Bytes read from the source
 * wait in a queue until their added latency has passed and no stall holds
 * them, then leave as one write or as the pieces the split asks for. The
 * disturbance is read afresh for every chunk, so changes act at once.
 */
export class RelayPipe {
  private readonly queue: Queued[] = [];
  private queued = 0;
  private dest: net.Socket | null = null;
  private pumping = false;
  private wake: (() => void) | null = null;
  private endGap: (() => void) | null = null;
  private endAfterQueue = false;
  private ended = false;

  constructor(
    private readonly source: net.Socket,
    private readonly disturbance: () => Disturbance,
  ) {}

  /** The receiving socket, once the upstream connection exists. */
  attach(dest: net.Socket): void {
    this.dest = dest;
    this.kick();
  }

  push(data: Buffer): void {
    this.queue.push({ data, at: Date.now() });
    this.queued += data.length;
    if (this.queued > HIGH_WATER) this.source.pause();
    this.kick();
  }

  /** The source sent FIN: pass it on once everything before it has gone. */
  finish(): void {
    this.endAfterQueue = true;
    this.kick();
  }

  /** The disturbance changed (or a stall was lifted): look again now. */
  poke(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  get pendingBytes(): number {
    return this.queued;
  }

  private kick(): void {
    if (this.pumping) {
      this.poke();
      return;
    }
    this.pumping = true;
    void this.pump();
  }

  private sleep(ms: number | null): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === null ? null : setTimeout(done, ms);
      function done(): void {
        if (timer) clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** The pause between two pieces; new data does not shorten it, clear() ends it. */
  private gap(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.endGap = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.endGap = done;
    });
  }

  private async pump(): Promise<void> {
    try {
      await this.run();
    } finally {
      // Cleared in the same tick as the last queue check, so no push slips between.
      this.pumping = false;
    }
  }

  private async run(): Promise<void> {
    for (let guard = 0; guard < 1e9; guard++) {
      const dest = this.dest;
      if (!dest || dest.destroyed) return;
      const head = this.queue[0];
      if (!head) {
        if (this.endAfterQueue && !this.ended) {
          this.ended = true;
          if (!dest.writableEnded) dest.end();
        }
        return;
      }
      const d = this.disturbance();
      if (d.stall) {
        await this.sleep(null);
        continue;
      }
      const due = head.at + d.latencyMs - Date.now();
      if (due > 0) {
        await this.sleep(due);
        continue;
      }
      // Each piece is cut from the chunk as it leaves, never all at once.
      const { data } = head;
      const count = pieceCount(data.length, d);
      for (let i = 0; i < count && this.queue[0] === head; i++) {
        if (dest.destroyed || dest.writableEnded) break;
        const [start, end] = pieceBounds(data.length, count, i);
        if (!dest.write(data.subarray(start, end))) await this.drained(dest);
        if (i < count - 1 && d.pieceGapMs > 0) await this.gap(d.pieceGapMs);
      }
      // clear() may have emptied the queue while a piece was in flight.
      if (this.queue[0] !== head) continue;
      this.queue.shift();
      this.queued -= data.length;
      if (this.queued < LOW_WATER && this.source.isPaused()) this.source.resume();
    }
  }

  private drained(dest: net.Socket): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        dest.off('drain', done);
        dest.off('close', done);
        resolve();
      };
      dest.once('drain', done);
      dest.once('close', done);
    });
  }

  /** Drops what is queued (the conversation is over). */
  clear(): void {
    this.queue.length = 0;
    this.queued = 0;
    this.endGap?.();
    this.poke();
  }
}
