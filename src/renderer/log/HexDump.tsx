import { useEffect, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { hexByte } from '../../shared/bytes/hexdump';
import { useT } from '../i18n/i18n';
import type { ByteSource, Span } from '../store/store';
import { copyBytes } from './CopyMenu';
import { useVirtualRows } from '../ui/use-virtual-rows';

const ROW_HEIGHT = 20;
const PER_LINE = 16;

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
 * `hexdump -C` as a virtualized view: offset, sixteen bytes in two groups of
 * eight, and the ASCII column. Each byte is its own cell in both columns, so
 * a selection made in either column is shown in both.
 */
export function HexDump({
  source,
  sourceKey,
  spans = [],
  follow = false,
  label,
  onSelection,
}: {
  source: ByteSource;
  /** Identifies the bytes shown (the message's data, or the stream); a selection stays with them. */
  sourceKey: unknown;
  spans?: Span[];
  follow?: boolean;
  label: string;
  onSelection?(range: ByteRange | null): void;
}) {
  const { t } = useT();
  const count = Math.ceil(source.length / PER_LINE);
  const { ref, first, last, spacer, top, onScroll, scrollToRow } = useVirtualRows(
    count,
    ROW_HEIGHT,
    follow,
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
    if (by !== undefined && source.length > 0) {
      // The keyboard moves a one-byte caret; with Shift it extends the selection.
      e.preventDefault();
      const at = Math.max(0, Math.min(source.length - 1, (focus ?? -by) + by));
      setRange(e.shiftKey ? (anchor ?? at) : at, at);
      scrollToRow(Math.floor(at / PER_LINE));
    } else if ((e.ctrlKey || e.metaKey) && e.key === 'c' && anchor !== null && focus !== null) {
      e.preventDefault();
      void copyBytes(source.slice(Math.min(anchor, focus), Math.max(anchor, focus) + 1), 'hex');
    } else if (e.key === 'Escape') setRange(null, null);
    else if ((e.ctrlKey || e.metaKey) && e.key === 'a' && source.length > 0) {
      e.preventDefault();
      setRange(0, source.length - 1);
    }
  };

  const lines = [];
  for (let r = first; r < last; r++) {
    const start = r * PER_LINE;
    const bytes = source.slice(start, Math.min(source.length, start + PER_LINE));
    const hex = [];
    const ascii = [];
    for (let k = 0; k < bytes.length; k++) {
      const i = start + k;
      let cls = '';
      if (sel && i >= sel.start && i < sel.end) cls += ' sel';
      if (i === hover) cls += ' hover';
      if (spans.length > 0 && inSpans(spans, i)) cls += ' hit';
      const b = bytes[k]!;
      hex.push(
        <span key={k} data-i={i} className={`hb${cls}`}>
          {hexByte(b)}
        </span>,
      );
      // Real spaces between the cells, so the line's text is exactly `hexdump -C`'s.
      hex.push(k === 7 ? '  ' : ' ');
      ascii.push(
        <span key={k} data-i={i} className={`ab${cls}`}>
          {printable(b)}
        </span>,
      );
    }
    lines.push(
      <div key={r} className="hex-line" style={{ top: top(r), height: ROW_HEIGHT }}>
        <span className="hex-off">{(source.offset + start).toString(16).padStart(8, '0')}</span>
        {'  '}
        {hex}
        {' '.repeat(padding(bytes.length))}|{ascii}|
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
