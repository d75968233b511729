import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyCounters, type PeerInfo } from '../../../src/shared/contract';
import type { PeerRecord } from '../../../src/main/engine/endpoint';
import {
  PeerRoster,
  peerInfo,
  type PeerChanges,
  type PeerCursor,
} from '../../../src/main/engine/peer-roster';
import { PeerRows } from '../../../src/renderer/store/peer-model/peer-rows';

/**
 * The peers of an endpoint travel to each window as changes. What a window
 * holds after applying them (with the renderer's own PeerRows) must be the
 * engine's list, whatever happened meanwhile and however far behind the
 * window was; and what it is sent must be what changed, not every peer.
 */

let nextId = 1;
function peer(): PeerRecord {
  const n = nextId++;
  return {
    id: `p${n}`,
    address: '127.0.0.1',
    port: 10_000 + n,
    since: n,
    state: 'connected',
    counters: emptyCounters(),
  };
}

/** A window: its cursor, and its rows as the renderer keeps them. */
class Window {
  cursor: PeerCursor | null = null;
  readonly rows = new PeerRows();
  /** Every part it was sent, for the tests that look at what travelled. */
  readonly parts: Array<Omit<PeerChanges, 'changed'> & { changed: PeerInfo[] }> = [];

  read(roster: PeerRoster, max: number): boolean {
    const c = roster.read(this.cursor, max);
    const part = { ...c, changed: c.changed.map(peerInfo) };
    this.parts.push(part);
    this.cursor = c.cursor;
    if (part.full) this.rows.clear();
    for (const id of part.removed) this.rows.remove(id);
    for (const p of part.changed) this.rows.put(p);
    return c.more;
  }

  /** Reads until nothing is left to tell (bounded: a list of n comes in n/max parts and one more). */
  catchUp(roster: PeerRoster, max: number): void {
    for (let i = 0; i < 10_000 && this.read(roster, max); i++);
  }
}

const sameAs = (w: Window, roster: PeerRoster): void =>
  expect(w.rows.list()).toEqual(roster.values().map(peerInfo));

describe('PeerRoster: what a window is told about the peers', () => {
  it('a window that joins late gets the whole list, in the order the peers came, a part at a time', () => {
    const roster = new PeerRoster();
    const peers = Array.from({ length: 25 }, peer);
    for (const p of peers) roster.add(p);
    roster.changed(peers[3]!); // changed since: still in its place in the list
    const late = new Window();
    expect(late.read(roster, 10)).toBe(true);
    expect(late.parts[0]).toMatchObject({ full: true, removed: [] });
    expect(late.parts[0]!.changed.map((p) => p.id)).toEqual(peers.slice(0, 10).map((p) => p.id));
    late.catchUp(roster, 10);
    expect(late.parts.slice(1).every((p) => !p.full)).toBe(true);
    sameAs(late, roster);
  });

  it('tells only what changed: one peer talking among 2,000 is one peer a batch', () => {
    const roster = new PeerRoster();
    const peers = Array.from({ length: 2000 }, peer);
    for (const p of peers) roster.add(p);
    const w = new Window();
    w.catchUp(roster, 1000);
    const talker = peers[1234]!;
    for (let batch = 0; batch < 5; batch++) {
      for (let i = 0; i < 100; i++) {
        talker.counters.rxBytes++;
        roster.changed(talker);
      }
      w.parts.length = 0;
      w.catchUp(roster, 1000);
      expect(w.parts.flatMap((p) => p.changed.map((c) => c.id))).toEqual([talker.id]);
    }
    expect(w.rows.get(talker.id)?.counters.rxBytes).toBe(500);
    // Nothing happened: nothing to tell.
    w.parts.length = 0;
    expect(w.read(roster, 1000)).toBe(false);
    expect(w.parts[0]).toMatchObject({ full: false, changed: [], removed: [] });
  });

  it('removed peers disappear; one that came and went between two batches is never mentioned', () => {
    const roster = new PeerRoster();
    const [a, b, c] = [peer(), peer(), peer()];
    roster.add(a);
    roster.add(b);
    const w = new Window();
    w.catchUp(roster, 100);
    roster.remove(a.id);
    roster.add(c);
    roster.remove(c.id);
    w.parts.length = 0;
    w.catchUp(roster, 100);
    expect(w.parts.flatMap((p) => p.removed)).toEqual([a.id]);
    expect(w.parts.flatMap((p) => p.changed)).toEqual([]);
    sameAs(w, roster);
  });

  it('a peer that connects and leaves 10,000 times keeps the roster bounded, and a window far behind starts again', () => {
    const roster = new PeerRoster();
    const stays = peer();
    roster.add(stays);
    const behind = new Window();
    behind.catchUp(roster, 100);
    const keeping = new Window();
    for (let i = 0; i < 10_000; i++) {
      const p = peer();
      roster.add(p);
      roster.remove(p.id);
      if (i % 1000 === 0) keeping.catchUp(roster, 100);
    }
    // The one that kept up heard of no departure (each peer came and went between its reads).
    keeping.catchUp(roster, 100);
    sameAs(keeping, roster);
    // The one that never read is sent the list again (one peer), not 10,000 departures.
    behind.parts.length = 0;
    behind.catchUp(roster, 100);
    expect(behind.parts[0]).toMatchObject({ full: true, removed: [] });
    expect(behind.parts.flatMap((p) => p.changed.map((c) => c.id))).toEqual([stays.id]);
    sameAs(behind, roster);
  });

  it('property: applying the changes reproduces the engine list, for windows reading at any pace', () => {
    const op = fc.oneof(
      { arbitrary: fc.constant({ kind: 'add' as const }), weight: 4 },
      { arbitrary: fc.nat().map((i) => ({ kind: 'change' as const, i })), weight: 6 },
      { arbitrary: fc.nat().map((i) => ({ kind: 'remove' as const, i })), weight: 3 },
      {
        arbitrary: fc.record({
          kind: fc.constant('read' as const),
          w: fc.nat(2),
          max: fc.integer({ min: 1, max: 7 }),
        }),
        weight: 4,
      },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), fc.integer({ min: 1, max: 9 }), (ops, max) => {
        const roster = new PeerRoster();
        const live: PeerRecord[] = [];
        const windows = [new Window(), new Window(), new Window()];
        for (const o of ops) {
          if (o.kind === 'add') {
            const p = peer();
            live.push(p);
            roster.add(p);
          } else if (o.kind === 'change' && live.length > 0) {
            const p = live[o.i % live.length]!;
            p.counters.txBytes += 1;
            if (p.counters.txBytes % 3 === 0) p.state = 'half-closed';
            roster.changed(p);
          } else if (o.kind === 'remove' && live.length > 0) {
            const [p] = live.splice(o.i % live.length, 1);
            roster.remove(p!.id);
          } else if (o.kind === 'read') {
            windows[o.w]!.read(roster, o.max);
          }
        }
        for (const w of windows) {
          w.catchUp(roster, max);
          sameAs(w, roster);
        }
      }),
      { numRuns: 300 },
    );
  });
});
