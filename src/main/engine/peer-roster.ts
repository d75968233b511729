import { Queue } from '../../shared/collections/queue';
import type { PeerInfo } from '../../shared/contract';
import type { PeerRecord } from './endpoint';

/** One live peer, in the list ordered by when it last changed. */
interface Entry {
  peer: PeerRecord;
  /** The roster's clock when it was added, and when it last changed. */
  added: number;
  stamp: number;
  older: Entry | null;
  newer: Entry | null;
}

interface Removal {
  id: string;
  at: number;
  added: number;
}

/**
 * How far one window has heard of one endpoint's peers: the roster's clock
 * when it last heard, and while the whole list is still on its way, the
 * first-sight stamp it has been sent up to. Opaque to whoever keeps it.
 */
export interface PeerCursor {
  readonly stamp: number;
  readonly fill: number | null;
}

/** What a window is told about one endpoint's peers (see PeerRoster.read). */
export interface PeerChanges {
  /** Pass this to the next read. */
  cursor: PeerCursor;
  /** The window's list is replaced by `changed` (the first part of a whole list). */
  full: boolean;
  changed: PeerRecord[];
  removed: string[];
  /** There is more to tell right away (the rest of a list, or of a burst of changes). */
  more: boolean;
}

/** Removals remembered at least this many, else as many as there are live peers. */
const MIN_REMOVALS_KEPT = 1024;

/**
 * An endpoint's live peers, and when each came, changed and went, so that
 * every window can be told what changed since it last heard, and nothing
 * about the peers that did not: with 15,000 peers and one of them talking,
 * a batch carries one peer, not 15,000.
 *
 * A clock ticks at every change. Live peers are kept in a list ordered by
 * their last change (moving a peer to its end is O(1), and a flood from one
 * peer finds it already there), so the peers changed since a stamp are the
 * tail of the list. Departures are kept, stamped, as long as there are not
 * more of them than live peers (or 1,024): a window further behind than
 * that is sent the whole list, which is then no longer than what it missed.
 * Nothing here is per window, so a window that never acknowledges costs
 * nothing.
 */
export class PeerRoster {
  private clock = 0;
  /** By id, in the order the peers came (the order a whole list is sent in). */
  private readonly entries = new Map<string, Entry>();
  private oldest: Entry | null = null;
  private newest: Entry | null = null;
  private readonly removals = new Queue<Removal>();
  /** Removals stamped at or before this were let go. */
  private forgottenUpTo = 0;

  get size(): number {
    return this.entries.size;
  }

  get(id: string): PeerRecord | undefined {
    return this.entries.get(id)?.peer;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** In the order they came. */
  values(): PeerRecord[] {
    const out: PeerRecord[] = [];
    for (const e of this.entries.values()) out.push(e.peer);
    return out;
  }

  /** The peer that changed least recently (a full table forgets it first). */
  stalest(): PeerRecord | undefined {
    return this.oldest?.peer;
  }

  add(peer: PeerRecord): void {
    if (this.entries.has(peer.id)) return this.changed(peer);
    const stamp = ++this.clock;
    const entry: Entry = { peer, added: stamp, stamp, older: null, newer: null };
    this.entries.set(peer.id, entry);
    this.append(entry);
  }

  /** Its state or counters moved. On every chunk: no allocation, O(1). */
  changed(peer: PeerRecord): void {
    const entry = this.newest?.peer === peer ? this.newest : this.entries.get(peer.id);
    if (!entry) return;
    entry.stamp = ++this.clock;
    if (entry !== this.newest) {
      this.unlink(entry);
      this.append(entry);
    }
  }

  remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.unlink(entry);
    this.removals.push({ id, at: ++this.clock, added: entry.added });
    const keep = Math.max(MIN_REMOVALS_KEPT, this.entries.size);
    while (this.removals.length > keep) this.forgottenUpTo = this.removals.shift()!.at;
  }

  clear(): void {
    for (const id of [...this.entries.keys()]) this.remove(id);
  }

  /**
   * What a window at `cursor` (null: it knows nothing yet) has not heard,
   * at most `max` peers. A window that knows nothing, or is further behind
   * than the departures kept, is sent the whole list first, in the order
   * the peers came (so it can append), `max` at a time; then what changed
   * since the list began, those that changed longest ago first. Peers that
   * are new to the window come in the order they came.
   */
  read(cursor: PeerCursor | null, max: number): PeerChanges {
    if (cursor === null || (cursor.fill === null && cursor.stamp < this.forgottenUpTo)) {
      return this.fill({ stamp: this.clock, fill: 0 }, max, true);
    }
    if (cursor.fill !== null) return this.fill(cursor, max, false);
    return this.since(cursor.stamp, max);
  }

  /** The next part of the whole list, after first-sight stamp `cursor.fill`. */
  private fill(cursor: PeerCursor, max: number, first: boolean): PeerChanges {
    const after = cursor.fill ?? 0;
    const changed: PeerRecord[] = [];
    let last = after;
    let more = false;
    for (const e of this.entries.values()) {
      if (e.added <= after) continue;
      if (changed.length === max) {
        more = true;
        break;
      }
      changed.push(e.peer);
      last = e.added;
    }
    // Once the list is out, what changed while it went comes next (so: more).
    const next = { stamp: cursor.stamp, fill: more ? last : null };
    return { cursor: next, full: first, changed, removed: [], more: true };
  }

  private since(after: number, max: number): PeerChanges {
    // The peers changed after `after` are the newest end of the list.
    let first: Entry | null = null;
    for (let e = this.newest; e && e.stamp > after; e = e.older) first = e;
    const known: PeerRecord[] = [];
    const fresh: Entry[] = [];
    let upTo = this.clock;
    let more = false;
    for (let e = first; e; e = e.newer) {
      if (known.length + fresh.length === max) {
        upTo = e.older!.stamp;
        more = true;
        break;
      }
      if (e.added > after) fresh.push(e);
      else known.push(e.peer);
    }
    // Departures a window could not have heard of (came and went meanwhile) are left out.
    const removed: string[] = [];
    for (let i = this.removals.length - 1; i >= 0; i--) {
      const r = this.removals.at(i)!;
      if (r.at <= after) break;
      if (r.at <= upTo && r.added <= after) removed.push(r.id);
    }
    fresh.sort((a, b) => a.added - b.added);
    const changed = known.concat(fresh.map((e) => e.peer));
    return { cursor: { stamp: upTo, fill: null }, full: false, changed, removed, more };
  }

  private append(entry: Entry): void {
    entry.older = this.newest;
    entry.newer = null;
    if (this.newest) this.newest.newer = entry;
    else this.oldest = entry;
    this.newest = entry;
  }

  private unlink(entry: Entry): void {
    if (entry.older) entry.older.newer = entry.newer;
    else this.oldest = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else this.newest = entry.older;
    entry.older = entry.newer = null;
  }
}

/** A peer as windows see it: its fields picked, its counters copied. */
export function peerInfo(p: PeerRecord): PeerInfo {
  const info: PeerInfo = {
    id: p.id,
    address: p.address,
    port: p.port,
    since: p.since,
    state: p.state,
    counters: { ...p.counters },
  };
  if (p.tls) info.tls = p.tls;
  if (p.relay) info.relay = { ...p.relay };
  return info;
}
