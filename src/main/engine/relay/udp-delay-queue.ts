import type { Disturbance } from '../../../shared/contract';
import { DueHeap, type HeapEntry } from './due-heap';
import { pieceBounds, pieceCount } from './relay-cut';

/** What one direction may hold while datagrams wait: the TCP pipe pauses at the same 1 MiB. */
export const QUEUE_LIMIT_BYTES = 1024 * 1024;
/** And at most this many datagrams, so a flood of tiny ones cannot pile up bookkeeping. */
export const QUEUE_LIMIT_DATAGRAMS = 16_384;
/** Pieces sent in one turn of the event loop, so a split into single bytes cannot freeze it. */
const SENDS_PER_TURN = 1024;

/** Hands one piece (data[start, end)) of an owner's datagram to its socket; never throws. */
export type Deliver<S> = (owner: S, data: Buffer, start: number, end: number) => void;

type Timing = Pick<Disturbance, 'latencyMs' | 'split' | 'pieces' | 'pieceGapMs'>;

interface Waiting<S> extends HeapEntry {
  owner: S;
  data: Buffer;
  /** The next piece to leave, of `count`. */
  next: number;
  count: number;
  gapMs: number;
}

/**
 * The datagrams of one relay direction that wait out a latency or a gap
 * between pieces. One timer for the whole queue, set for whatever is due
 * first; bounded in bytes and datagrams (what does not fit is refused, for
 * the caller to count); each owner (a device's session) can take its own
 * datagrams out when it ends, so nothing fires for a session that is gone.
 */
export class DelayQueue<S> {
  private readonly heap = new DueHeap<Waiting<S>>();
  private readonly byOwner = new Map<S, Set<Waiting<S>>>();
  private bytes = 0;
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;

  constructor(
    private readonly deliver: Deliver<S>,
    private readonly now: () => number = () => performance.now(),
    private readonly limits = { bytes: QUEUE_LIMIT_BYTES, datagrams: QUEUE_LIMIT_DATAGRAMS },
  ) {}

  /** Bytes of the datagrams waiting (whole, until their last piece has left). */
  get queuedBytes(): number {
    return this.bytes;
  }

  get length(): number {
    return this.heap.size;
  }

  get limitBytes(): number {
    return this.limits.bytes;
  }

  /**
   * Sends `data` as the timing says: at once when nothing holds it, else
   * queued. False when it would have had to wait and the queue is full.
   */
  send(owner: S, data: Buffer, timing: Timing): boolean {
    const count = pieceCount(data.length, timing);
    if (count === 0) return true;
    const now = this.now();
    const head = this.heap.peek();
    // Nothing to wait for, and nothing already due ahead of it: the common case costs nothing.
    if (timing.latencyMs === 0 && count === 1 && !(head && head.due <= now)) {
      this.deliver(owner, data, 0, data.length);
      return true;
    }
    if (this.bytes + data.length > this.limits.bytes || this.heap.size >= this.limits.datagrams) {
      return false;
    }
    const entry: Waiting<S> = {
      owner,
      data,
      due: now + timing.latencyMs,
      seq: this.seq++,
      at: -1,
      next: 0,
      count,
      gapMs: timing.pieceGapMs,
    };
    this.heap.push(entry);
    this.bytes += data.length;
    let mine = this.byOwner.get(owner);
    if (!mine) this.byOwner.set(owner, (mine = new Set()));
    mine.add(entry);
    if (timing.latencyMs === 0) this.flush();
    else this.arm();
    return true;
  }

  /** Takes out everything `owner` still has waiting; returns how many datagrams that was. */
  drop(owner: S): number {
    const mine = this.byOwner.get(owner);
    if (!mine) return 0;
    this.byOwner.delete(owner);
    for (const entry of mine) {
      this.heap.remove(entry);
      this.bytes -= entry.data.length;
    }
    this.arm();
    return mine.size;
  }

  /** Forgets everything and stops the timer. */
  clear(): void {
    this.heap.clear();
    this.byOwner.clear();
    this.bytes = 0;
    this.stop();
  }

  /** Sends every piece that is due, at most SENDS_PER_TURN of them, then sets the timer again. */
  private flush(): void {
    const now = this.now();
    let sends = 0;
    for (let head = this.heap.peek(); head && head.due <= now; head = this.heap.peek()) {
      if (sends >= SENDS_PER_TURN) break;
      const { data, count } = head;
      do {
        const [start, end] = pieceBounds(data.length, count, head.next++);
        sends++;
        this.deliver(head.owner, data, start, end);
      } while (head.next < count && head.gapMs === 0 && sends < SENDS_PER_TURN && head.at >= 0);
      // A delivery that ended its own session has taken the entry out already.
      if (head.at < 0) continue;
      if (head.next >= count) {
        this.finished(head);
      } else {
        if (head.gapMs > 0) head.due = now + head.gapMs;
        this.heap.moved(head);
      }
    }
    this.arm();
  }

  private finished(entry: Waiting<S>): void {
    this.heap.remove(entry);
    this.bytes -= entry.data.length;
    const mine = this.byOwner.get(entry.owner);
    mine?.delete(entry);
    if (mine?.size === 0) this.byOwner.delete(entry.owner);
  }

  /** One timer, for the earliest due entry; none when nothing waits. */
  private arm(): void {
    const head = this.heap.peek();
    if (!head) {
      this.stop();
      return;
    }
    if (this.timer && this.timerAt <= head.due) return;
    this.stop();
    this.timerAt = head.due;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.timerAt = Infinity;
        this.flush();
      },
      Math.max(0, Math.ceil(head.due - this.now())),
    );
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
  }
}
