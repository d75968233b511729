import type { Direction, WirebenchApi } from '../../../shared/contract';
import { STREAM_WINDOW_MAX } from '../../../shared/contract/ops/log-page-ops';
import { OneAtATime } from './one-at-a-time';

/** Bytes asked for at once for a view (4,096 hexdump lines). */
export const BYTE_WINDOW = 64 * 1024;
/** Windows kept: a few screens around where the person looks. */
export const MAX_PIECES = 16;
/** The most a copy reads (a whole 256 MiB stream as hex text would not fit a clipboard). */
export const READ_MAX = 16 * 1024 * 1024;

/** A direction's stream of one connection: every peer's as they came, or one peer's. */
export interface ByteLane {
  endpointId: string;
  dir: Direction;
  peerId?: string;
}

interface Piece {
  from: number;
  bytes: Uint8Array;
}

/**
 * The bytes a Hex or Text view shows, read from the capture log a window
 * at a time (`logStream`): a whole direction's stream (`to` null: it grows,
 * and `refresh` follows it), or one message's stretch of its peer's stream.
 * Offsets are the stream's; `origin` is the one shown as 0. At most
 * MAX_PIECES windows are kept, those farthest from the last read going
 * first. Views re-render on `version` (subscribe).
 */
export class BytePager {
  /** Held bytes of the range: [start, end). Unknown (empty) until main first answers, for a stream. */
  start: number;
  end: number;
  version = 0;
  private following = false;
  private pieces: Piece[] = [];
  private inflight = new Set<number>();
  private readonly refreshes = new OneAtATime(
    () => this.refreshOnce(),
    () => this.disposed,
  );
  /** Not reading (made but not started, or stopped): answers are dropped. */
  private disposed = true;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly api: WirebenchApi,
    readonly lane: ByteLane,
    readonly origin: number,
    private readonly to: number | null,
  ) {
    this.start = origin;
    this.end = to ?? origin;
  }

  /** Reads until stopped (the view showing it may start it again). */
  begin(): void {
    if (!this.disposed) return;
    this.disposed = false;
    this.inflight.clear();
    if (this.to === null) void this.refresh();
    else this.notify();
  }

  /** Whether the view sits at the stream's end: a refresh then reads the newest bytes too. */
  setFollowing(following: boolean): void {
    this.following = following;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** Bytes [a, b) (clipped to what is held) when all are read; otherwise null, and they are asked for. */
  slice(a: number, b: number): Uint8Array | null {
    const from = Math.max(a, this.start);
    const to = Math.min(b, this.end);
    if (to <= from) return new Uint8Array(0);
    const out = new Uint8Array(to - from);
    let at = from;
    while (at < to) {
      const piece = this.pieces.find((p) => p.from <= at && at < p.from + p.bytes.length);
      if (!piece) {
        this.request(at);
        return null;
      }
      const take = Math.min(to, piece.from + piece.bytes.length) - at;
      out.set(piece.bytes.subarray(at - piece.from, at - piece.from + take), at - from);
      at += take;
    }
    return out;
  }

  /** Reads [a, b) straight from main for a copy (READ_MAX at most); null when the log no longer has them. */
  async read(a: number, b: number): Promise<Uint8Array | null> {
    const from = Math.max(a, this.start);
    const to = Math.min(b, this.end, from + READ_MAX);
    const out = new Uint8Array(Math.max(0, to - from));
    let at = from;
    while (at < to) {
      const r = await this.api.logStream({
        ...this.lane,
        offset: at,
        length: Math.min(STREAM_WINDOW_MAX, to - at),
      });
      if (!r.ok || r.value.offset !== at || r.value.bytes.length === 0) return null;
      const take = Math.min(r.value.bytes.length, to - at);
      out.set(r.value.bytes.subarray(0, take), at - from);
      at += take;
    }
    return out;
  }

  /** A stream grew (or was evicted from): learn its new bounds, and its newest bytes when following. */
  async refresh(): Promise<void> {
    if (this.to !== null || this.disposed) return;
    await this.refreshes.run();
  }

  private async refreshOnce(): Promise<boolean> {
    const r = await this.api.logStream({ ...this.lane, offset: this.end, length: BYTE_WINDOW });
    if (!r.ok || this.disposed) return false;
    this.take(r.value);
    if (this.following && r.value.end - r.value.offset > BYTE_WINDOW) {
      const tail = await this.api.logStream({
        ...this.lane,
        offset: Math.max(r.value.start, r.value.end - BYTE_WINDOW),
        length: BYTE_WINDOW,
      });
      if (tail.ok && !this.disposed) this.take(tail.value);
    }
    return true;
  }

  stop(): void {
    this.disposed = true;
  }

  private notify(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  private request(at: number): void {
    if (this.disposed || this.inflight.has(at)) return;
    for (const o of this.inflight) if (at >= o && at < o + BYTE_WINDOW) return;
    this.inflight.add(at);
    const length = Math.min(BYTE_WINDOW, (this.to ?? Infinity) - at);
    void this.api.logStream({ ...this.lane, offset: at, length }).then((r) => {
      this.inflight.delete(at);
      if (r.ok && !this.disposed) this.take(r.value, at);
    });
  }

  private take(
    w: { start: number; end: number; offset: number; bytes: Uint8Array },
    near = w.offset,
  ): void {
    this.start = Math.max(this.origin, w.start);
    this.end = this.to === null ? w.end : Math.min(this.to, w.end);
    if (w.bytes.length > 0) {
      this.pieces = this.pieces.filter((p) => p.from + p.bytes.length > this.start);
      this.pieces.push({ from: w.offset, bytes: w.bytes });
      if (this.pieces.length > MAX_PIECES) {
        const far = (p: Piece) => Math.abs(p.from - near);
        this.pieces.sort((x, y) => far(x) - far(y));
        this.pieces.length = MAX_PIECES;
      }
    }
    this.notify();
  }
}
