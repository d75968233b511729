import { memo, type MouseEvent } from 'react';
import { hexPreview } from '../../shared/bytes/hexdump';
import { visibleText } from '../../shared/bytes/visible-text';
import { formatTime } from '../i18n/format-time';
import { describe } from '../i18n/describe';
import { formatCount, useT } from '../i18n/i18n';
import type { LogRow } from '../store/store';
import type { Span } from './row-highlight';

/** One row of the Messages view, and the place of one not read yet. */

export const ROW_HEIGHT = 22;
const PREVIEW_BYTES = 24;
const TEXT_PREVIEW_BYTES = 64;
/** "+0.000123" seconds, or "12.5 ms" style for the Δt column. */
export function formatDelta(us: number): string {
  if (us < 0) return `−${formatDelta(-us)}`;
  if (us < 1000) return `${us} µs`;
  if (us < 1_000_000) return `${(us / 1000).toFixed(3)} ms`;
  return `${(us / 1_000_000).toFixed(3)} s`;
}

/** Hex preview with the pattern's matches marked (spans are byte ranges). */
function HexCell({ data, spans }: { data: Uint8Array; spans: Span[] }) {
  const text = hexPreview(data, PREVIEW_BYTES);
  if (spans.length === 0) return <>{text}</>;
  const parts: Array<string | { mark: string }> = [];
  let at = 0;
  for (const [s, e] of spans) {
    if (s >= PREVIEW_BYTES) break;
    const from = s * 3;
    const to = Math.min(e, PREVIEW_BYTES) * 3 - 1;
    if (from > at) parts.push(text.slice(at, from));
    parts.push({ mark: text.slice(from, to) });
    at = to;
  }
  parts.push(text.slice(at));
  return <>{parts.map((p, i) => (typeof p === 'string' ? p : <mark key={i}>{p.mark}</mark>))}</>;
}

interface RowProps {
  index: number;
  row: LogRow;
  previousTime: number | null;
  /** The first row shown's time (relative times count from it); null until it is read. */
  firstTime: number | null;
  relative: boolean;
  peer: string;
  /** "RX"/"TX", or a relay's "device → server" / "server → device". */
  dirLabel: string;
  selected: boolean;
  spans: Span[] | null;
  top: number;
  inRange: boolean;
  /** Who sent it when automation did: "reply by rule 2", "periodic send", "sequence". */
  origin: string | null;
  onSelect(row: LogRow, extend: boolean): void;
  onMenu(row: LogRow, e: MouseEvent): void;
}

export const Row = memo(function Row(p: RowProps) {
  const m = p.row;
  const time = !p.relative
    ? formatTime(m.time)
    : p.firstTime === null
      ? ''
      : `+${formatDelta(m.time - p.firstTime)}`;
  const delta = p.previousTime === null ? '' : formatDelta(m.time - p.previousTime);
  const classes = ['msg-row', `row-${m.dir}`];
  if (p.selected || p.inRange) classes.push('selected');
  if (p.spans && p.spans.length > 0) classes.push('match');
  if (m.error) classes.push('frame-error');
  return (
    <div
      role="row"
      aria-selected={p.selected || p.inRange}
      aria-rowindex={p.index + 2}
      className={classes.join(' ')}
      data-seq={m.seq}
      data-time={m.time}
      style={{ top: p.top, height: ROW_HEIGHT }}
      onMouseDown={(e) => e.button === 0 && p.onSelect(m, e.shiftKey)}
      onContextMenu={(e) => p.onMenu(m, e)}
      title={m.error && describe(m.error)}
    >
      <span role="gridcell" className="c-time mono">
        {time}
      </span>
      <span role="gridcell" className="c-delta mono">
        {delta}
      </span>
      <span role="gridcell" className={`c-dir dir dir-${m.dir}`}>
        {p.dirLabel}
      </span>
      <span role="gridcell" className="c-peer mono">
        {p.peer}
      </span>
      <span role="gridcell" className="c-len num">
        {formatCount(m.length)}
      </span>
      <span role="gridcell" className="c-hex mono">
        <HexCell data={m.data} spans={p.spans ?? []} />
      </span>
      <span role="gridcell" className="c-text mono">
        {p.origin && <span className="origin-badge">{p.origin}</span>}
        {visibleText(m.data.subarray(0, TEXT_PREVIEW_BYTES), { newlines: 'escape' })}
        {m.length > TEXT_PREVIEW_BYTES ? '…' : ''}
      </span>
    </div>
  );
});

/** A row not read yet (or one the log evicted meanwhile): its place, and nothing else. */
export function Placeholder({ top, gone }: { top: number; gone: boolean }) {
  const { t } = useT();
  return (
    <div className="msg-row msg-pending muted" style={{ top, height: ROW_HEIGHT }}>
      {gone ? t('log.rowGone') : ''}
    </div>
  );
}
