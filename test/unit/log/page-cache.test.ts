import { describe, expect, it } from 'vitest';
import type { ResultOf } from '../../../src/shared/contract';
import {
  emptyWindow,
  MAX_PAGES,
  missingPages,
  PAGE_ROWS,
  positionOfRow,
  rowAt,
  shownRange,
  trimmed,
  withCounters,
  withRows,
} from '../../../src/renderer/store/log-pages/page-cache';

/**
 * The window's page cache of a view: rows land at their positions, what
 * the log evicted is dropped and said, and the cache stays within its
 * bound wherever the view has been.
 */
type Page = ResultOf<'logRows'>;

/** A page as main would answer: rows [from, to) of `total`, each one byte (its position's low byte). */
function page(
  from: number,
  to: number,
  total: number,
  firstHeld = 0,
  goneRows: number[] = [],
): Page {
  const rows = [];
  const bytes = new Uint8Array(to - from);
  for (let p = from; p < to; p++) {
    if (goneRows.includes(p)) continue;
    bytes[p - from] = p & 0xff;
    rows.push({
      position: p,
      row: p,
      seq: p,
      lastSeq: p,
      time: p,
      dir: 'rx' as const,
      peerId: 'p',
      length: 1,
      streamOffset: p,
      dirOffset: p,
      bytesAt: p - from,
      bytesLength: 1,
    });
  }
  return {
    total,
    firstHeld,
    anchor: from,
    from,
    rows,
    goneRows,
    bytes,
    gone: { chunks: firstHeld, bytes: firstHeld },
    framing: { behindChunks: 0 },
  };
}

describe('the page cache', () => {
  it('puts rows at their positions and knows which pages are still to read', () => {
    let w = emptyWindow('k', null);
    w = withRows(w, page(150, 250, 1000));
    expect(rowAt(w, 150)?.data[0]).toBe(150);
    expect(rowAt(w, 249)?.seq).toBe(249);
    expect(rowAt(w, 149)).toBeUndefined();
    expect(missingPages(w, 150, 250)).toEqual([]);
    expect(missingPages(w, 100, 300)).toEqual([1, 2]);
    expect(missingPages(w, 995, 2000)).toEqual([9]);
  });

  it('says a row evicted meanwhile is gone, and lets pages below the held ones go', () => {
    let w = withRows(emptyWindow('k', null), page(0, 100, 300));
    w = withRows(w, page(100, 200, 300, 0, [120]));
    expect(rowAt(w, 120)).toBeNull();
    expect(missingPages(w, 100, 200)).toEqual([]);
    // The log evicted its first 150 rows: their page goes, and rows below are gone.
    w = withCounters(w, {
      total: 300,
      firstHeld: 150,
      gone: { chunks: 150, bytes: 150 },
      framing: { behindChunks: 0 },
    });
    expect(w.pages.has(0)).toBe(false);
    expect(rowAt(w, 10)).toBeNull();
    expect(shownRange(w)).toEqual({ first: 150, end: 300 });
    expect(w.gone).toEqual({ chunks: 150, bytes: 150 });
  });

  it('an answer that starts above what was asked (evicted in flight) leaves no hole it would ask for again', () => {
    const w = withRows(emptyWindow('k', null), page(1030, 1100, 5000, 1030));
    expect(missingPages(w, 1000, 1100)).toEqual([]);
    expect(rowAt(w, 1010)).toBeNull();
    expect(rowAt(w, 1030)?.seq).toBe(1030);
  });

  it('stays within MAX_PAGES, keeping the pages around the view and the pinned one', () => {
    let w = emptyWindow('k', null);
    const total = PAGE_ROWS * (MAX_PAGES * 5);
    for (let k = 0; k < MAX_PAGES * 5; k++) {
      w = withRows(w, page(k * PAGE_ROWS, (k + 1) * PAGE_ROWS, total));
      const at = k * PAGE_ROWS;
      w = trimmed(w, at, at + 30, 0);
      expect(w.pages.size).toBeLessThanOrEqual(MAX_PAGES);
      expect(rowAt(w, at)?.seq).toBe(at);
      expect(w.pages.has(0)).toBe(true);
    }
  });

  it('finds a row by its view row through a filter only where it is cached', () => {
    const filtered = page(0, 3, 3);
    filtered.rows.forEach((r, i) => (r.row = 10 + i * 7));
    const w = withRows(emptyWindow('k', 'f1'), filtered);
    expect(positionOfRow(w, 17)).toBe(1);
    expect(positionOfRow(w, 18)).toBeUndefined();
    expect(positionOfRow(emptyWindow('k', null), 18)).toBe(18);
  });
});
