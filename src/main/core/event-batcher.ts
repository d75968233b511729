import { msg } from '../../shared/messages/catalogue';
import type { EndpointInfo, EventBatch, PeerInfo, WirebenchEvent } from '../../shared/contract';
import { LATEST_WINS_EVENTS } from '../../shared/contract/events';
import type { PeerCursor } from '../engine/peer-roster';
import { DEFAULT_BATCHER_OPTIONS, type BatcherOptions } from './batcher-options';
import { LogCursor, type ChunkLog } from './log-cursor';
import { SkipTally } from './skip-tally';

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
 * Chunks are not queued here: the window's backlog is a range of the
 * capture log's seqs (log-cursor.ts), read from the log when a batch goes.
 * A chunk arriving only wakes the batcher.
 *
 * Peers travel as changes: per endpoint the batcher remembers only how far
 * this window has heard (a stamp of the endpoint's roster), and each batch
 * asks for what changed after it. A new window starts knowing nothing, so
 * it is sent every endpoint and every peer first. A window that is behind
 * costs nothing per change: the next batch carries what changed meanwhile.
 */
export class EventBatcher {
  private readonly skips = new SkipTally();
  /** Where this window is in the capture log: the chunks it has still to be sent or told of. */
  private readonly cursor: LogCursor;
  private readonly unwatch: () => void;
  private events: WirebenchEvent[] = [];
  /** Where a pending whole-status event sits in `events`, by type and endpoint. */
  private readonly latest = new Map<string, number>();
  private readonly dirty = new Set<string>();
  /** The endpoint last added to `dirty`, so a flood's changes (one a chunk) skip the set. */
  private lastChanged: string | null = null;
  /** Per endpoint, how far this window has heard of its peers. */
  private readonly heard = new Map<string, PeerCursor>();
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
    /** The capture log, which holds every chunk this window is sent, by seq. */
    log: ChunkLog,
  ) {
    this.cursor = new LogCursor(log, this.skips);
    this.unwatch = log.watch(this.cursor);
    for (const id of source.ids()) this.dirty.add(id);
    this.schedule();
  }

  /**
   * A chunk of `endpointId` went into the log; its counters changed with it
   * (EngineSink.chunk). Called for every chunk of every endpoint (a UDP
   * flood: 250k a second), so it does nothing but note the endpoint (once a
   * run of its chunks) and make sure a batch is coming: the batch reads
   * what came from the log.
   */
  chunk(endpointId: string): void {
    this.changed(endpointId);
    if (this.timer === null) this.schedule();
  }

  /**
   * What this window waits to be sent now (for tests and diagnostics),
   * capped as a batch would cap it. Nothing is held here per chunk
   * (heldSlots: 0): the log holds them.
   */
  stats(): { pendingChunks: number; pendingBytes: number; inflight: number; heldSlots: number } {
    if (!this.disposed) this.cursor.catchUp(this.options.maxPendingBytes);
    return {
      pendingChunks: this.cursor.pendingChunks,
      pendingBytes: this.cursor.pendingBytes,
      inflight: this.seq - this.acked,
      heldSlots: 0,
    };
  }

  changed(endpointId: string): void {
    if (endpointId === this.lastChanged) return;
    this.lastChanged = endpointId;
    this.dirty.add(endpointId);
    this.schedule();
  }

  event(event: WirebenchEvent): void {
    if (event.type === 'endpoint-removed') {
      this.heard.delete(event.endpointId);
      // Its evicted counts go out after the events: one arriving after the removal brings it back.
      this.evicted.delete(event.endpointId);
    }
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
    this.unwatch();
    this.events = [];
    this.latest.clear();
  }

  private hasWork(): boolean {
    return (
      this.cursor.behind ||
      this.events.length > 0 ||
      this.dirty.size > 0 ||
      !this.skips.empty ||
      this.evicted.size > 0
    );
  }

  private schedule(): void {
    if (this.disposed || this.timer !== null) return;
    if (this.seq - this.acked >= this.options.maxInflight) return; // the ack reschedules
    if (!this.hasWork()) return;
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
    this.lastChanged = null;
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
    // A window that is behind lags by maxPendingBytes at most: the oldest past it are skipped.
    this.cursor.catchUp(this.options.maxPendingBytes);
    for (const s of this.skips.drain()) events.push({ type: 'skipped', ...s });
    for (const [endpointId, e] of this.evicted) events.push({ type: 'evicted', endpointId, ...e });
    this.evicted.clear();
    const { maxBatchBytes, maxBatchChunks } = this.options;
    const chunks = this.cursor.take(maxBatchBytes, maxBatchChunks);
    if (chunks.length > 0) events.push({ type: 'chunks', chunks });
    if (events.length > 0) this.deliver({ seq: ++this.seq, events });
    this.schedule();
  }
}
