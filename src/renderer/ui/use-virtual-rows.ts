import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** Rows drawn beyond the visible ones, so a quick scroll does not show blanks. */
const OVERSCAN = 8;
/**
 * Browsers cap an element's height (Chromium near 33 million px); past this
 * the spacer is scaled and rows are placed by proportion instead.
 */
const MAX_SPACER_PX = 15_000_000;

export interface VirtualRows {
  ref: RefObject<HTMLDivElement | null>;
  first: number;
  last: number;
  /** Height of the spacer element holding the rows. */
  spacer: number;
  /** Where row `i` is drawn (px from the spacer's top). */
  top(i: number): number;
  onScroll(): void;
  scrollToRow(i: number): void;
  /** Whether the view is scrolled to the end (it then follows new rows). */
  atEnd: RefObject<boolean>;
}

/**
 * Fixed-height virtualization: only the rows in view (plus a few) exist in
 * the DOM, whatever the count, and each is formatted only when drawn.
 * `base` is what row 0 stands for (a log's first held row): when it moves
 * up (the log let its oldest rows go) the rows in view stay where they are.
 */
export function useVirtualRows(
  count: number,
  rowHeight: number,
  follow: boolean,
  base = 0,
): VirtualRows {
  const ref = useRef<HTMLDivElement | null>(null);
  // A view that follows starts at its end; any other at its top (a resize must not send it down).
  const atEnd = useRef(follow);
  const [scroll, setScroll] = useState({ top: 0, height: 400 });
  const full = count * rowHeight;
  const spacer = Math.min(full, MAX_SPACER_PX);
  const scaled = full > MAX_SPACER_PX;
  const lastBase = useRef(base);
  /**
   * Where the view is, as its first visible row (fractional), for a scroll
   * position; and the other way round. Scaled, the whole scroll range
   * stands for the whole range of first rows, so the top shows row 0 and
   * the bottom the last row, however many there are.
   */
  const firstAt = (top: number, height: number) =>
    scaled
      ? (top / Math.max(1, spacer - height)) * Math.max(0, count - height / rowHeight)
      : top / rowHeight;
  const scrollOf = (row: number, height: number) =>
    scaled
      ? (row / Math.max(1, count - height / rowHeight)) * Math.max(0, spacer - height)
      : row * rowHeight;

  const measure = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < rowHeight * 1.5;
    setScroll((s) =>
      s.top === el.scrollTop && s.height === el.clientHeight
        ? s
        : { top: el.scrollTop, height: el.clientHeight },
    );
  }, [rowHeight]);

  // Rows let go above the view: scroll up by as many, so the rows read stay put.
  useLayoutEffect(() => {
    const el = ref.current;
    const moved = base - lastBase.current;
    lastBase.current = base;
    if (!el || moved === 0 || (follow && atEnd.current)) return;
    const h = el.clientHeight;
    el.scrollTop = Math.max(0, scrollOf(firstAt(el.scrollTop, h) - moved, h));
    measure();
    // firstAt and scrollOf follow count and the spacer, which this runs with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [base, follow, measure]);

  // Follow new rows while at the end (and not paused).
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && follow && atEnd.current) {
      el.scrollTop = el.scrollHeight;
      measure();
    }
  }, [count, follow, measure]);

  // Resized (a detail pane came or went): the row asked for stays in view, or the end stays the end.
  const asked = useRef<{ row: number; top: number } | null>(null);
  const keep = useRef<() => void>(() => undefined);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => keep.current());
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const onScroll = () => {
    const el = ref.current;
    // The person scrolled: what was asked for no longer holds the view.
    if (el && asked.current && Math.abs(el.scrollTop - asked.current.top) > 1) asked.current = null;
    measure();
  };

  const exact = firstAt(scroll.top, scroll.height);
  const firstVisible = Math.floor(exact);
  const first = Math.max(0, firstVisible - OVERSCAN);
  const last = Math.min(count, firstVisible + Math.ceil(scroll.height / rowHeight) + 1 + OVERSCAN);
  const top = (i: number) => (scaled ? scroll.top + (i - exact) * rowHeight : i * rowHeight);

  const scrollToRow = (i: number) => {
    const el = ref.current;
    if (!el) return;
    const h = el.clientHeight;
    const now = firstAt(el.scrollTop, h);
    const fits = h / rowHeight;
    // Above the view: to its top; below: a row's margin under it at the bottom.
    if (i < now) el.scrollTop = scrollOf(i, h);
    else if (i + 2 > now + fits) el.scrollTop = scrollOf(Math.max(0, i + 2 - fits), h);
    asked.current = { row: i, top: el.scrollTop };
    measure();
  };

  useLayoutEffect(() => {
    keep.current = () => {
      const el = ref.current;
      if (!el) return;
      if (asked.current) scrollToRow(asked.current.row);
      else if (atEnd.current) el.scrollTop = el.scrollHeight;
      measure();
    };
  });

  return { ref, first, last, spacer, top, onScroll, scrollToRow, atEnd };
}
