import { firstAfterSeq } from '../../../shared/collections/sorted-search';
import type { Chunk } from '../../../shared/contract';
import {
  createMessageFramer,
  type Message,
  type MessageFramer,
} from '../../../shared/framing/message-framer';
import type { FramingSpec } from '../../../shared/framing/framing-spec';
import { oldestToDrop } from './trim-oldest';

/** Messages kept per connection; beyond it the oldest go, in blocks (the capture log keeps more). */
export const MESSAGE_LIMIT = 1_000_000;
/** Message bytes kept per connection (framed messages are copies, raw ones share the rows'). */
export const MESSAGE_BYTE_LIMIT = 64 * 1024 * 1024;

/**
 * One connection's messages, built incrementally from the rows the store
 * holds. Framing runs here, in the renderer, over the chunk stream the
 * window already receives: the framer is the shared pure code, so moving it
 * into the main process for automation later is a change of where it is
 * called, not of what it does. Messages are addressed by ordinal (0 for the
 * first ever), which stays valid when old messages are let go.
 */
export class MessageLog {
  private items: Message[] = [];
  /** Bytes of the messages in `items`. */
  private held = 0;
  /** Ordinal of items[0]. */
  private base = 0;
  private lastSeq = -1;
  /** Chunks up to this seq were cleared by the user and are never shown again. */
  private floorSeq = -1;
  private framer: MessageFramer;
  /** Every peer that sent or received a chunk the view has seen. */
  readonly peers = new Set<string>();
  /** Bumped whenever messages change; views compare it. */
  version = 0;
  /** Bumped when the messages are rebuilt (a new framing), so indexes over them restart. */
  generation = 0;

  constructor(
    private spec: FramingSpec,
    private readonly limit = MESSAGE_LIMIT,
    private readonly byteLimit = MESSAGE_BYTE_LIMIT,
  ) {
    this.framer = createMessageFramer(spec);
  }

  get start(): number {
    return this.base;
  }

  get end(): number {
    return this.base + this.items.length;
  }

  /** Chunks up to this seq were cleared. */
  get floor(): number {
    return this.floorSeq;
  }

  get framing(): FramingSpec {
    return this.spec;
  }

  at(ordinal: number): Message | undefined {
    return this.items[ordinal - this.base];
  }

  /** Frames again from the rows still held, with a new spec. */
  reframe(spec: FramingSpec, rows: readonly Chunk[]): void {
    this.spec = spec;
    this.framer = createMessageFramer(spec);
    this.base += this.items.length;
    this.items = [];
    this.held = 0;
    this.lastSeq = this.floorSeq;
    this.generation++;
    this.sync(rows);
    this.version++;
  }

  /** Clears the view: every message so far goes, and a frame in progress with them. */
  clear(): void {
    this.floorSeq = this.lastSeq;
    this.framer = createMessageFramer(this.spec);
    this.base += this.items.length;
    this.items = [];
    this.held = 0;
    this.generation++;
    this.version++;
  }

  /** Takes in the rows that arrived since the last call; true when anything changed. */
  sync(rows: readonly Chunk[]): boolean {
    let i = firstAfterSeq(rows, this.lastSeq);
    if (i >= rows.length) return false;
    const raw = this.spec.mode === 'raw';
    for (; i < rows.length; i++) {
      const chunk = rows[i]!;
      this.peers.add(chunk.peerId);
      // Raw chunks are messages as they are: no copy, no second object per row.
      if (raw) {
        if (chunk.data.length > 0) this.add(chunk);
      } else {
        for (const m of this.framer.push(chunk)) this.add(m);
      }
    }
    this.lastSeq = rows[rows.length - 1]!.seq;
    this.trim();
    this.version++;
    return true;
  }

  /** Idle framing: ends the messages whose peer went quiet before `now` (µs). */
  flush(now: number): boolean {
    const out = this.framer.flush(now);
    if (out.length === 0) return false;
    for (const m of out) this.add(m);
    this.trim();
    this.version++;
    return true;
  }

  private add(message: Message): void {
    this.items.push(message);
    this.held += message.data.byteLength;
  }

  private trim(): void {
    const drop = oldestToDrop(this.items, this.held, this.limit, this.byteLimit);
    if (drop.count === 0) return;
    this.items.splice(0, drop.count);
    this.base += drop.count;
    this.held -= drop.bytes;
  }
}
