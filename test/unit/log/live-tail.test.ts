import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../../src/shared/contract';
import { LiveTail, provisional } from '../../../src/renderer/store/log-pages/live-tail';
import { emptyWindow, rowAt } from '../../../src/renderer/store/log-pages/page-cache';

/**
 * A raw view's newest rows straight from the live news: placed only where
 * main's last count says the next chunk goes, and never after news that
 * chunks were skipped, until a count asked after the skip.
 */
const chunk = (seq: number, endpointId = 'e1'): Chunk => ({
  seq,
  endpointId,
  peerId: 'p',
  dir: 'rx',
  time: seq,
  data: new Uint8Array([seq & 0xff, 1, 2]),
});

describe('LiveTail', () => {
  it('places nothing before main has counted', () => {
    const live = new LiveTail();
    expect(live.place(emptyWindow('k', null), [chunk(1)])).toBeNull();
  });

  it('places each new chunk at the next position after the count, once', () => {
    const live = new LiveTail();
    live.counted(live.asked(), 10, 41);
    const w = live.place(emptyWindow('k', null), [chunk(40), chunk(41), chunk(44), chunk(47)])!;
    expect(w.total).toBe(12);
    expect(rowAt(w, 10)?.seq).toBe(44);
    expect(rowAt(w, 11)?.seq).toBe(47);
    expect(provisional(rowAt(w, 11)!)).toBe(true);
    expect(rowAt(w, 11)?.data).toEqual(new Uint8Array([47, 1, 2]));
    // The same news again places nothing more.
    expect(live.place(w, [chunk(47)])).toBeNull();
  });

  it('after a skip, places nothing until a count asked after it comes back', () => {
    const live = new LiveTail();
    const before = live.asked();
    live.forget(true);
    live.counted(before, 10, 41);
    expect(live.place(emptyWindow('k', null), [chunk(42)])).toBeNull();
    live.counted(live.asked(), 12, 50);
    expect(rowAt(live.place(emptyWindow('k', null), [chunk(51)])!, 12)?.seq).toBe(51);
  });

  it('a tail page asked before rows were placed live keeps them shown', () => {
    const live = new LiveTail();
    live.counted(live.asked(), 10, 41);
    const asked = live.asked();
    live.place(emptyWindow('k', null), [chunk(42), chunk(43)]);
    const older = { ...emptyWindow('k', null), total: 11 };
    expect(live.kept(asked, older).total).toBe(12);
    expect(live.kept(live.asked(), older).total).toBe(11);
  });
});
