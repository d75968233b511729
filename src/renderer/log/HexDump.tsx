import { useEffect, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { hexByte } from '../../shared/bytes/hexdump';
import { useT } from '../i18n/i18n';
import { READ_MAX, type BytePager } from '../store/log-pages/byte-pager';
import { copyBytes, sayCopyCut } from './CopyMenu';
import type { Span } from './row-highlight';
import { useVirtualRows } from '../ui/use-virtual-rows';

const ROW_HEIGHT = 20;
const PER_LINE = 16;

/** Bytes [start, end), counted from the source's origin. */
export interface ByteRange {
  start: number;
  end: number;
}

const printable = (b: number) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');

/** Spaces that stand for the missing cells of a short last line, so the ASCII column lines up. */
function padding(n: number): number {
  return (PER_LINE - n) * 3 + (n < 8 ? 1 : 0) + 1;
}

function inSpans(spans: Span[], i: number): boolean {
  for (const [s, e] of spans) if (i >= s && i < e) return true;
  return false;
}

/**
 * `hexdump -C` as a virtualized view of bytes the main process holds: only
 * the lines in view are drawn, their bytes read a window at a time
 * (BytePager), so a 256 MiB stream scrolls like a line. Offsets count from
 * the source's origin (a message's first byte, or the stream's). Each byte
 * is its own cell in both columns, so a selection made in either column is
 * shown in both.
 */
export function HexDump({
  source,
  sourceKey,
  spans = [],
  follow = false,
  reveal = null,
  label,
  onSelection,
}: {
  source: BytePager;
  /** Identifies the bytes shown (the message, or the stream); a selection stays with them. */
  sourceKey: unknown;
  spans?: Span[];
  follow?: boolean;
  /** An offset to bring into view when it changes (a match Find moved to). */
  reveal?: number | null;
  label: string;
  onSelection?(range: ByteRange | null): void;
}) {
  const { t } = useT();
  const low = source.start - source.origin;
  const high = source.end - source.origin;
  const lineBase = Math.floor(low / PER_LINE) * PER_LINE;
  const count = Math.max(0, Math.ceil((high - lineBase) / PER_LINE));
  const { ref, first, last, spacer, top, onScroll, scrollToRow, atEnd } = useVirtualRows(
    count,
    ROW_HEIGHT,
    follow,
    lineBase / PER_LINE,
  );
  // A selection belongs to the bytes it was made in: another message starts without one.
  const [picked, setPicked] = useState<{ key: unknown; anchor: number; focus: number } | null>(
    null,
  );
  const [dragging, setDragging] = useState(false);
  const [hover, setHover] = useState<number | null>(null);
  const own = picked?.key === sourceKey ? picked : null;
  const anchor = own?.anchor ?? null;
  const focus = own?.focus ?? null;
  const setRange = (a: number | null, f: number | null) =>
    setPicked(a === null || f === null ? null : { key: sourceKey, anchor: a, focus: f });

  const sel: ByteRange | null =
    anchor === null || focus === null
      ? null
      : { start: Math.min(anchor, focus), end: Math.max(anchor, focus) + 1 };
  useEffect(() => {
    onSelection?.(sel);
    // Only the bounds matter, not the object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sel?.start, sel?.end]);
  useEffect(() => {
    if (reveal !== null) scrollToRow(Math.floor((reveal - lineBase) / PER_LINE));
    // Other bytes shown (another message): from their start, not where the last ones were left.
    else if (!follow) scrollToRow(0);
    // Only when asked to show another offset, or other bytes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reveal, sourceKey]);
  // A followed stream reads its newest bytes; one scrolled back only learns its new length.
  useEffect(() => {
    source.setFollowing(follow && atEnd.current);
  });

  const byteAt = (e: MouseEvent): number | null => {
    const attr = (e.target as HTMLElement).closest('[data-i]')?.getAttribute('data-i');
    return attr == null ? null : Number(attr);
  };
  const onMouseDown = (e: MouseEvent) => {
    const i = byteAt(e);
    if (i === null || e.button !== 0) return;
    e.preventDefault();
    if (e.shiftKey && anchor !== null) setRange(anchor, i);
    else setRange(i, i);
    setDragging(true);
  };
  const onMouseMove = (e: MouseEvent) => {
    const i = byteAt(e);
    setHover(i);
    if (dragging && i !== null && anchor !== null) setRange(anchor, i);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step: Record<string, number> = {
      ArrowLeft: -1,
      ArrowRight: 1,
      ArrowUp: -PER_LINE,
      ArrowDown: PER_LINE,
    };
    const by = step[e.key];
    if (by !== undefined && high > low) {
      // The keyboard moves a one-byte caret; with Shift it extends the selection.
      e.preventDefault();
      const at = Math.max(low, Math.min(high - 1, (focus ?? low - by) + by));
      setRange(e.shiftKey ? (anchor ?? at) : at, at);
      scrollToRow(Math.floor((at - lineBase) / PER_LINE));
    } else if ((e.ctrlKey || e.metaKey) && e.key === 'c' && sel) {
      e.preventDefault();
      if (sel.end - sel.start > READ_MAX) sayCopyCut();
      void source
        .read(source.origin + sel.start, source.origin + sel.end)
        .then((b) => b && copyBytes(b, 'hex'));
    } else if (e.key === 'Escape') setRange(null, null);
    else if ((e.ctrlKey || e.metaKey) && e.key === 'a' && high > low) {
      e.preventDefault();
      setRange(low, high - 1);
    }
  };

  const lines = [];
  for (let r = first; r < last; r++) {
    const lineStart = lineBase + r * PER_LINE;
    // The first line may begin before the first byte held: those cells stay blank.
    const skip = Math.max(0, low - lineStart);
    const lineEnd = Math.min(high, lineStart + PER_LINE);
    const bytes = source.slice(source.origin + lineStart + skip, source.origin + lineEnd);
    const offset = lineStart.toString(16).padStart(8, '0');
    if (!bytes) {
      lines.push(
        <div key={r} className="hex-line hex-pending" style={{ top: top(r), height: ROW_HEIGHT }}>
          <span className="hex-off">{offset}</span>
        </div>,
      );
      continue;
    }
    const hex: ReactNode[] = [];
    const ascii: ReactNode[] = [];
    if (skip > 0) {
      hex.push(' '.repeat(skip * 3 + (skip >= 8 ? 1 : 0)));
      ascii.push(' '.repeat(skip));
    }
    for (let k = 0; k < bytes.length; k++) {
      const col = skip + k;
      const i = lineStart + col;
      let cls = '';
      if (sel && i >= sel.start && i < sel.end) cls += ' sel';
      if (i === hover) cls += ' hover';
      if (spans.length > 0 && inSpans(spans, i)) cls += ' hit';
      const b = bytes[k]!;
      hex.push(
        <span key={col} data-i={i} className={`hb${cls}`}>
          {hexByte(b)}
        </span>,
      );
      // Real spaces between the cells, so the line's text is exactly `hexdump -C`'s.
      hex.push(col === 7 ? '  ' : ' ');
      ascii.push(
        <span key={col} data-i={i} className={`ab${cls}`}>
          {printable(b)}
        </span>,
      );
    }
    lines.push(
      <div key={r} className="hex-line" style={{ top: top(r), height: ROW_HEIGHT }}>
        <span className="hex-off">{offset}</span>
        {'  '}
        {hex}
        {' '.repeat(padding(skip + bytes.length))}|{ascii}|
      </div>,
    );
  }

  return (
    <div
      className="hexdump mono"
      ref={ref}
      onScroll={onScroll}
      onMouseDown={onMouseDown}
      onMouseMove={onMouseMove}
      onMouseUp={() => setDragging(false)}
      onMouseLeave={() => {
        setDragging(false);
        setHover(null);
      }}
      onKeyDown={onKeyDown}
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      {count === 0 ? (
        <p className="muted">{t('log.noBytes')}</p>
      ) : (
        <div className="hex-spacer" style={{ height: spacer }}>
          {lines}
        </div>
      )}
    </div>
  );
}
