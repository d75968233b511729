import { memo, useCallback, useEffect, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { hexPreview } from '../../shared/bytes/hexdump';
import { visibleText } from '../../shared/bytes/visible-text';
import type { Message } from '../../shared/framing/message-framer';
import { formatTime } from '../i18n/format-time';
import { describe } from '../i18n/describe';
import { formatCount, useT } from '../i18n/i18n';
import { usePeerName } from '../store/selectors';
import { updateLogUi, useWorkbench, type Span } from '../store/store';
import { CopyMenuItems } from './CopyMenu';
import { selectedBytes } from './selection';
import { useDismiss } from './use-dismiss';
import type { LogModel } from './use-log-model';
import { useVirtualRows } from './use-virtual-rows';
import { RELAY_LOG_LABELS } from '../../shared/contract/relay-labels';

export const ROW_HEIGHT = 22;
const PREVIEW_BYTES = 24;
const TEXT_PREVIEW_BYTES = 64;
/** The grid's columns: each cell's class (its width, in log.css) and its heading. */
const COLUMNS = [
  ['c-time', 'time'],
  ['c-delta', 'log.delta'],
  ['c-dir', 'direction'],
  ['c-peer', 'peer'],
  ['c-len num', 'length'],
  ['c-hex', 'hex'],
  ['c-text', 'text'],
] as const;

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
  ordinal: number;
  message: Message;
  previousTime: number | null;
  firstTime: number;
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
  onSelect(ordinal: number, extend: boolean): void;
  onMenu(ordinal: number, e: MouseEvent): void;
}

const Row = memo(function Row(p: RowProps) {
  const m = p.message;
  const time = p.relative ? `+${formatDelta(m.time - p.firstTime)}` : formatTime(m.time);
  const delta = p.previousTime === null ? '' : formatDelta(m.time - p.previousTime);
  const classes = ['msg-row', `row-${m.dir}`];
  if (p.selected || p.inRange) classes.push('selected');
  if (p.spans && p.spans.length > 0) classes.push('match');
  if (m.error) classes.push('frame-error');
  return (
    <div
      role="row"
      aria-selected={p.selected || p.inRange}
      aria-rowindex={p.ordinal + 2}
      className={classes.join(' ')}
      data-seq={m.seq}
      data-time={m.time}
      style={{ top: p.top, height: ROW_HEIGHT }}
      onMouseDown={(e) => e.button === 0 && p.onSelect(p.ordinal, e.shiftKey)}
      onContextMenu={(e) => p.onMenu(p.ordinal, e)}
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
        {formatCount(m.data.length)}
      </span>
      <span role="gridcell" className="c-hex mono">
        <HexCell data={m.data} spans={p.spans ?? []} />
      </span>
      <span role="gridcell" className="c-text mono">
        {p.origin && <span className="origin-badge">{p.origin}</span>}
        {visibleText(m.data.subarray(0, TEXT_PREVIEW_BYTES), { newlines: 'escape' })}
        {m.data.length > TEXT_PREVIEW_BYTES ? '…' : ''}
      </span>
    </div>
  );
});

/**
 * The Messages view: one fixed-height row per message, only the visible
 * ones in the DOM and formatted, so a million rows scroll like ten.
 */
export function MessagesView({ endpointId, model }: { endpointId: string; model: LogModel }) {
  const { t } = useT();
  const peerName = usePeerName();
  const isRelay = useWorkbench((s) => s.endpoints[endpointId]?.spec.kind === 'relay');
  const rules = useWorkbench((s) => s.ruleDrafts[endpointId]?.rules);
  const originOf = (m: Message): string | null => {
    const o = m.origin;
    if (!o) return null;
    if (o.kind === 'periodic') return t('log.byPeriodic');
    if (o.kind === 'sequence') return t('log.bySequence');
    const index = rules?.findIndex((r) => r.id === o.id) ?? -1;
    const rule = rules?.[index];
    return t('log.byRule', { rule: rule?.name || (index >= 0 ? String(index + 1) : o.id) });
  };
  const { rows, log, ui, filter } = model;
  const { ref, first, last, spacer, top, onScroll, scrollToRow } = useVirtualRows(
    rows.count,
    ROW_HEIGHT,
    ui.pausedAt === null,
  );
  const selectedRow = ui.selected === null ? -1 : rows.rowOf(ui.selected);
  const firstTime = log.at(log.start)?.time ?? 0;

  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const menuRef = useDismiss<HTMLDivElement>(menu !== null, closeMenu);
  const select = (ordinal: number, extend: boolean) =>
    updateLogUi(endpointId, {
      selected: ordinal,
      anchor: extend ? (ui.anchor ?? ui.selected ?? ordinal) : ordinal,
    });
  const openMenu = (ordinal: number, e: MouseEvent) => {
    e.preventDefault();
    // Right-click inside the selection copies it; elsewhere it selects that row first.
    const sel = ui.selected;
    const inside =
      sel !== null &&
      ordinal >= Math.min(sel, ui.anchor ?? sel) &&
      ordinal <= Math.max(sel, ui.anchor ?? sel);
    if (!inside) select(ordinal, false);
    setMenu({ x: e.clientX, y: e.clientY });
  };
  const move = (row: number, extend: boolean) => {
    if (rows.count === 0) return;
    const r = Math.max(0, Math.min(rows.count - 1, row));
    select(rows.ordinalAt(r), extend);
    scrollToRow(r);
  };
  // Keep the selection in view when it moves from elsewhere (next match, F3).
  useEffect(() => {
    if (selectedRow >= 0) scrollToRow(selectedRow);
    // Only when the selection changes, not on every new row.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ui.selected]);
  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((ref.current?.clientHeight ?? 200) / ROW_HEIGHT) - 1);
    const from = selectedRow < 0 ? (e.key === 'ArrowUp' ? rows.count : -1) : selectedRow;
    const to: Record<string, number> = {
      ArrowDown: from + 1,
      ArrowUp: from - 1,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: rows.count - 1,
    };
    const target = to[e.key];
    if (target === undefined) return;
    e.preventDefault();
    move(target, e.shiftKey);
  };

  const drawn = [];
  for (let r = first; r < last; r++) {
    const ordinal = rows.ordinalAt(r);
    const m = log.at(ordinal);
    if (!m) continue;
    drawn.push(
      <Row
        key={ordinal}
        ordinal={ordinal}
        message={m}
        previousTime={log.at(ordinal - 1)?.time ?? null}
        firstTime={firstTime}
        relative={ui.timeMode === 'relative'}
        peer={peerName(m.peerId)}
        dirLabel={isRelay ? RELAY_LOG_LABELS[m.dir] : m.dir.toUpperCase()}
        selected={ordinal === ui.selected}
        inRange={
          ui.selected !== null &&
          ui.anchor !== null &&
          ordinal >= Math.min(ui.selected, ui.anchor) &&
          ordinal <= Math.max(ui.selected, ui.anchor)
        }
        spans={filter.find ? filter.find(m.data.subarray(0, PREVIEW_BYTES + 64)) : null}
        origin={originOf(m)}
        top={top(r)}
        onSelect={select}
        onMenu={openMenu}
      />,
    );
  }

  return (
    <div
      className="messages"
      role="grid"
      aria-label={t('log.messages')}
      aria-rowcount={rows.count + 1}
      aria-multiselectable={false}
    >
      <div role="row" className="msg-row msg-head" aria-rowindex={1}>
        {COLUMNS.map(([className, key]) => (
          <span key={key} role="columnheader" className={className}>
            {t(key)}
          </span>
        ))}
      </div>
      <div
        className="msg-scroller"
        ref={ref}
        onScroll={onScroll}
        tabIndex={0}
        onKeyDown={onKeyDown}
        aria-label={t('log.messageRows')}
        role="rowgroup"
      >
        {rows.count === 0 ? (
          <p className="muted msg-empty">{t('emptyLog')}</p>
        ) : (
          <div className="msg-spacer" style={{ height: spacer }}>
            {drawn}
          </div>
        )}
      </div>
      {menu && (
        <div className="context-menu" ref={menuRef} style={{ left: menu.x, top: menu.y }}>
          <CopyMenuItems bytes={() => selectedBytes(model)} onDone={() => setMenu(null)} />
        </div>
      )}
    </div>
  );
}
