import type { PeerInfo } from '../../../shared/contract';

/** Holes left by departures are closed up once they are this many and half the rows. */
const COMPACT_AT = 64;

/**
 * One endpoint's peers as the window holds them: in the order they came
 * (by `since`), kept up to date by changes. Main sends a whole list in that
 * order and new peers after it, so a new peer is nearly always appended;
 * one that arrives out of order (a burst of changes cut in parts) is put in
 * its place. Taking in a change costs O(1) whatever the number of peers; a
 * departure leaves a hole, closed up in one pass when the rows are next
 * read (or when holes pile up), so peers coming and going cost amortized
 * O(1) each.
 */
export class PeerRows {
  private readonly index = new Map<string, number>();
  private rows: Array<PeerInfo | null> = [];
  private holes = 0;

  get size(): number {
    return this.index.size;
  }

  get(id: string): PeerInfo | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : (this.rows[i] ?? undefined);
  }

  /** The whole list was sent again: it replaces what was held. */
  clear(): void {
    this.index.clear();
    this.rows = [];
    this.holes = 0;
  }

  /** A peer that came (appended) or changed (replaced where it is). */
  put(peer: PeerInfo): void {
    const i = this.index.get(peer.id);
    if (i !== undefined) {
      this.rows[i] = peer;
      return;
    }
    const last = this.rows.length > 0 ? this.lastSince() : -Infinity;
    if (peer.since >= last) {
      this.index.set(peer.id, this.rows.length);
      this.rows.push(peer);
      return;
    }
    this.compact();
    const rows = this.rows as PeerInfo[];
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rows[mid]!.since <= peer.since) lo = mid + 1;
      else hi = mid;
    }
    rows.splice(lo, 0, peer);
    for (let i = lo; i < rows.length; i++) this.index.set(rows[i]!.id, i);
  }

  private lastSince(): number {
    for (let i = this.rows.length - 1; i >= 0; i--) {
      const p = this.rows[i];
      if (p) return p.since;
    }
    return -Infinity;
  }

  remove(id: string): void {
    const i = this.index.get(id);
    if (i === undefined) return;
    this.index.delete(id);
    this.rows[i] = null;
    this.holes++;
    if (this.holes >= COMPACT_AT && this.holes * 2 >= this.rows.length) this.compact();
  }

  /** Every peer, in the order they came. */
  list(): readonly PeerInfo[] {
    if (this.holes > 0) this.compact();
    return this.rows as PeerInfo[];
  }

  private compact(): void {
    const kept: PeerInfo[] = [];
    for (const p of this.rows) {
      if (p === null) continue;
      this.index.set(p.id, kept.length);
      kept.push(p);
    }
    this.rows = kept;
    this.holes = 0;
  }
}
