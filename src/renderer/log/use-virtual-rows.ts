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
  const atEnd = useRef(true);
  const [scroll, setScroll] = useState({ top: 0, height: 400 });
  const full = count * rowHeight;
  const spacer = Math.min(full, MAX_SPACER_PX);
  const scale = full > 0 ? spacer / full : 1;
  const lastBase = useRef(base);

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
    el.scrollTop = Math.max(0, el.scrollTop - moved * rowHeight * scale);
    measure();
  }, [base, follow, rowHeight, scale, measure]);

  // Follow new rows while at the end (and not paused).
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && follow && atEnd.current) {
      el.scrollTop = el.scrollHeight;
      measure();
    }
  }, [count, follow, measure]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);

  const firstVisible = Math.floor(scroll.top / scale / rowHeight);
  const first = Math.max(0, firstVisible - OVERSCAN);
  const last = Math.min(count, firstVisible + Math.ceil(scroll.height / rowHeight) + OVERSCAN);
  const top = (i: number) =>
    scale === 1 ? i * rowHeight : scroll.top + (i - scroll.top / scale / rowHeight) * rowHeight;

  const scrollToRow = (i: number) => {
    const el = ref.current;
    if (!el) return;
    const y = i * rowHeight * scale;
    if (y < el.scrollTop) el.scrollTop = y;
    else if (y + rowHeight > el.scrollTop + el.clientHeight - rowHeight) {
      el.scrollTop = y - el.clientHeight + rowHeight * 2;
    }
    measure();
  };

  return { ref, first, last, spacer, top, onScroll: measure, scrollToRow, atEnd };
}
