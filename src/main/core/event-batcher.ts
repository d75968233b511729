import { Queue } from '../../shared/collections/queue';
import { msg } from '../../shared/messages/catalogue';
import type {
  Chunk,
  EndpointInfo,
  EventBatch,
  PeerInfo,
  WirebenchEvent,
} from '../../shared/contract';
import { LATEST_WINS_EVENTS } from '../../shared/contract/events';
import { CHUNK_OVERHEAD_BYTES } from '../engine/capture/capture-log';
import { f64, u32 } from '../engine/capture/columns';
import type { PeerCursor } from '../engine/peer-roster';
import { DEFAULT_BATCHER_OPTIONS, type BatcherOptions } from './batcher-options';

/** What a window's batcher reads from the engine when it flushes. */
export interface EndpointSource {
  /** The endpoints there are (a new window hears of each at once). */
  ids(): Iterable<string>;
  /** An endpoint's state now, or null once it is gone. */
  info(endpointId: string): EndpointInfo | null;
  /** What a window at `cursor` (null: it knows nothing) has not heard of its peers, at most `max`. */
  peerChanges(
    endpointId: string,
    cursor: PeerCursor | null,
    max: number,
  ): {
    cursor: PeerCursor;
    full: boolean;
    changed: PeerInfo[];
    removed: string[];
    more: boolean;
  } | null;
}

const LATEST_WINS: ReadonlySet<string> = new Set(LATEST_WINS_EVENTS);

/**
 * The flow control between the engine and one window (Tabby's pty queue,
 * adapted): events are coalesced into at most ~30 batches a second, each
 * acknowledged by the window. A window that falls behind gets fresh
 * endpoint state (so its counters stay exact) but its backlog of chunks is
 * bounded; what is skipped is counted and reported, and stays in the log.
 *
 * Peers travel as changes: per endpoint the batcher remembers only how far
 * this window has heard (a stamp of the endpoint's roster), and each batch
 * asks for what changed after it. A new window starts knowing nothing, so
 * it is sent every endpoint and every peer first. A window that is behind
 * costs nothing per change: the next batch carries what changed meanwhile.
 */
export class EventBatcher {
  /**
   * The chunks waiting, as the log's seqs and their lengths: no object per
   * chunk. A window takes a flood 30 times a second, so a queued Chunk (and
   * its view) lived long enough for V8 to copy it to the old generation and
   * collect it there; the log has every field, and the chunk is made again
   * from it when its batch goes, and dies young.
   */
  private readonly seqs = f64();
  private readonly lengths = u32();
  /** The endpoints of the chunks waiting, a run of consecutive chunks each (for skipped counts). */
  private readonly runs = new Queue<{ endpointId: string; count: number }>();
  private pendingBytes = 0;
  private events: WirebenchEvent[] = [];
  /** Where a pending whole-status event sits in `events`, by type and endpoint. */
  private readonly latest = new Map<string, number>();
  private readonly dirty = new Set<string>();
  /** The endpoint a chunk last marked dirty since the last flush: a flood is one endpoint's. */
  private lastDirty: string | null = null;
  /** Per endpoint, how far this window has heard of its peers. */
  private readonly heard = new Map<string, PeerCursor>();
  private readonly skipped = new Map<string, { chunks: number; bytes: number }>();
  private readonly evicted = new Map<string, { chunks: number; bytes: number }>();
  private droppedNotices = 0;
  private seq = 0;
  private acked = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = 0;
  private disposed = false;

  constructor(
    private readonly deliver: (batch: EventBatch) => void,
    private readonly source: EndpointSource,
    private readonly options: BatcherOptions = DEFAULT_BATCHER_OPTIONS,
    /**
     * A queued chunk, made from the capture log when its batch goes, or
     * undefined when the log evicted it meanwhile: it is skipped, not sent.
     */
    private readonly logged: (seq: number) => Chunk | undefined,
  ) {
    for (const id of source.ids()) this.dirty.add(id);
    this.schedule();
  }

  /** A chunk was recorded; its endpoint's counters changed with it (EngineSink.chunk). */
  chunk(chunk: Chunk): void {
    if (chunk.endpointId !== this.lastDirty) {
      this.dirty.add(chunk.endpointId);
      this.lastDirty = chunk.endpointId;
    }
    this.seqs.push(chunk.seq);
    this.lengths.push(chunk.data.byteLength);
    const run = this.runs.at(-1);
    if (run?.endpointId === chunk.endpointId) run.count++;
    else this.runs.push({ endpointId: chunk.endpointId, count: 1 });
    this.pendingBytes += chunk.data.byteLength + CHUNK_OVERHEAD_BYTES;
    // The queue lets go of a skipped chunk at once: a window that never acks must not pin it.
    while (this.pendingBytes > this.options.maxPendingBytes && this.seqs.size > 0) {
      this.skip(this.dropFirst());
    }
    this.schedule();
  }

  /** What this window's queue holds now (for tests and diagnostics). */
  stats(): { pendingChunks: number; pendingBytes: number; inflight: number; heldSlots: number } {
    return {
      pendingChunks: this.seqs.size,
      pendingBytes: this.pendingBytes,
      inflight: this.seq - this.acked,
      heldSlots: this.seqs.bytes / Float64Array.BYTES_PER_ELEMENT,
    };
  }

  changed(endpointId: string): void {
    this.dirty.add(endpointId);
    this.schedule();
  }

  event(event: WirebenchEvent): void {
    if (event.type === 'endpoint-removed') this.heard.delete(event.endpointId);
    if (LATEST_WINS.has(event.type) && 'endpointId' in event) {
      // A whole status replaces the one still waiting: bounded by endpoints, never dropped.
      const key = `${event.type}:${event.endpointId}`;
      const at = this.latest.get(key);
      if (at === undefined) this.latest.set(key, this.events.push(event) - 1);
      else this.events[at] = event;
    } else if (event.type === 'evicted') {
      // A full log evicts on nearly every chunk: sum per endpoint, never drop a count.
      const e = this.evicted.get(event.endpointId) ?? { chunks: 0, bytes: 0 };
      e.chunks += event.chunks;
      e.bytes += event.bytes;
      this.evicted.set(event.endpointId, e);
    } else if (this.events.length >= this.options.maxPendingEvents) this.droppedNotices++;
    else this.events.push(event);
    this.schedule();
  }

  /** The window applied every batch up to `seq`. */
  ack(seq: number): void {
    if (seq > this.acked && seq <= this.seq) this.acked = seq;
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.seqs.dropBefore(this.seqs.length);
    this.lengths.dropBefore(this.lengths.length);
    this.runs.clear();
    this.events = [];
    this.latest.clear();
  }

  /** Takes the oldest chunk waiting off the queue: its endpoint and length. */
  private dropFirst(): { endpointId: string; length: number } {
    const i = this.seqs.start;
    const length = this.lengths.at(i);
    this.seqs.dropBefore(i + 1);
    this.lengths.dropBefore(i + 1);
    const run = this.runs.at(0)!;
    if (--run.count === 0) this.runs.shift();
    this.pendingBytes -= length + CHUNK_OVERHEAD_BYTES;
    return { endpointId: run.endpointId, length };
  }

  private skip({ endpointId, length }: { endpointId: string; length: number }): void {
    const s = this.skipped.get(endpointId) ?? { chunks: 0, bytes: 0 };
    s.chunks++;
    s.bytes += length;
    this.skipped.set(endpointId, s);
  }

  private hasWork(): boolean {
    return (
      this.seqs.size > 0 ||
      this.events.length > 0 ||
      this.dirty.size > 0 ||
      this.skipped.size > 0 ||
      this.evicted.size > 0
    );
  }

  private schedule(): void {
    if (this.disposed || this.timer || !this.hasWork()) return;
    if (this.seq - this.acked >= this.options.maxInflight) return; // the ack reschedules
    const wait = Math.max(0, this.lastFlush + this.options.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
  }

  private flush(): void {
    if (this.disposed || this.seq - this.acked >= this.options.maxInflight) return;
    this.lastFlush = Date.now();
    const events: WirebenchEvent[] = [];
    const unfinished: string[] = [];
    for (const id of this.dirty) {
      const endpoint = this.source.info(id);
      if (!endpoint) {
        this.heard.delete(id);
        continue;
      }
      events.push({ type: 'endpoint', endpoint });
      const peers = this.source.peerChanges(
        id,
        this.heard.get(id) ?? null,
        this.options.maxPeersPerBatch,
      );
      if (!peers) continue;
      this.heard.set(id, peers.cursor);
      if (peers.full || peers.changed.length > 0 || peers.removed.length > 0) {
        const { full, changed, removed } = peers;
        events.push({ type: 'peers', endpointId: id, full, changed, removed });
      }
      if (peers.more) unfinished.push(id);
    }
    this.dirty.clear();
    this.lastDirty = null;
    for (const id of unfinished) this.dirty.add(id);
    events.push(...this.events);
    this.events = [];
    this.latest.clear();
    if (this.droppedNotices > 0) {
      events.push({
        type: 'notice',
        level: 'warning',
        endpointId: null,
        message: msg('notices.dropped', { count: this.droppedNotices }),
      });
      this.droppedNotices = 0;
    }
    for (const [endpointId, s] of this.skipped) events.push({ type: 'skipped', endpointId, ...s });
    this.skipped.clear();
    for (const [endpointId, e] of this.evicted) events.push({ type: 'evicted', endpointId, ...e });
    this.evicted.clear();
    const batchChunks = this.takeChunks();
    if (batchChunks.length > 0) events.push({ type: 'chunks', chunks: batchChunks });
    if (events.length > 0) this.deliver({ seq: ++this.seq, events });
    this.schedule();
  }

  /**
   * The chunks of the next batch, made from the log. Each weighs its bytes
   * plus what the capture log says a chunk costs beyond them: by bytes
   * alone an empty UDP datagram weighed nothing, so a window that was
   * behind held any number of them and the next batch took them all.
   */
  private takeChunks(): Chunk[] {
    const out: Chunk[] = [];
    let bytes = 0;
    while (
      this.seqs.size > 0 &&
      bytes < this.options.maxBatchBytes &&
      out.length < this.options.maxBatchChunks
    ) {
      const c = this.logged(this.seqs.at(this.seqs.start));
      const taken = this.dropFirst();
      if (!c) {
        this.skip(taken);
        continue;
      }
      bytes += taken.length + CHUNK_OVERHEAD_BYTES;
      out.push(c);
    }
    return out;
  }
}
