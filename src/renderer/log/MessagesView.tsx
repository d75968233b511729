import {
  useCallback,
  useEffect,
  useMemo,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { RELAY_LOG_LABELS } from '../../shared/contract/relay-labels';
import { useApi } from '../api/api-context';
import { useOriginLabel } from '../automation/use-origin-label';
import { useT } from '../i18n/i18n';
import { positionOfRow } from '../store/log-pages/page-cache';
import { viewSpec } from '../store/log-pages/view-spec';
import { usePeerName } from '../store/selectors';
import { rowAt, selectedRange, updateLogUi, useWorkbench, type LogRow } from '../store/store';
import { CopyMenuItems } from './CopyMenu';
import { Placeholder, ROW_HEIGHT, Row } from './MessageRow';
import { rowHighlighter } from './row-highlight';
import { selectedBytes } from './selection';
import { useDismiss } from './use-dismiss';
import type { LogModel } from './use-log-model';
import { useVirtualRows } from '../ui/use-virtual-rows';

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

/**
 * The Messages view: one fixed-height row per message of the whole
 * capture, only the visible ones in the DOM and formatted; their rows are
 * read from the main process a page at a time (the row pager), so two
 * million rows scroll like ten and memory stays what a few screens take.
 */
export function MessagesView({ model }: { model: LogModel }) {
  const { t } = useT();
  const api = useApi();
  const peerName = usePeerName();
  const { endpointId, ui, window: w, first, count, pager, scans } = model;
  const isRelay = useWorkbench((s) => s.endpoints[endpointId]?.spec.kind === 'relay');
  const originOf = useOriginLabel(endpointId);
  const {
    ref,
    first: from,
    last,
    spacer,
    top,
    onScroll,
    scrollToRow,
    atEnd,
  } = useVirtualRows(count, ROW_HEIGHT, ui.pausedAt === null, first);
  const highlight = useMemo(() => rowHighlighter(ui.filter), [ui.filter]);
  const range = selectedRange(ui);
  const selectedPosition = ui.selected === null ? undefined : positionOfRow(w, ui.selected);
  const firstTime = rowAt(w, first)?.time ?? null;

  // Tell the pager what is shown, and whether the view sits at the end (then it follows the tail).
  useEffect(() => {
    pager.setFollow(ui.pausedAt === null && atEnd.current);
    pager.want(first + from, first + last);
  });

  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const menuRef = useDismiss<HTMLDivElement>(menu !== null, closeMenu);
  const selectRow = (row: number, extend: boolean) =>
    updateLogUi(endpointId, {
      selected: row,
      anchor: extend ? (ui.anchor ?? ui.selected ?? row) : row,
    });
  const select = (row: LogRow, extend: boolean) => selectRow(row.row, extend);
  const openMenu = (row: LogRow, e: MouseEvent) => {
    e.preventDefault();
    // Right-click inside the selection copies it; elsewhere it selects that row first.
    if (!range || row.row < range.from || row.row > range.to) select(row, false);
    setMenu({ x: e.clientX, y: e.clientY });
  };
  const move = (index: number, extend: boolean) => {
    if (count === 0) return;
    const i = Math.max(0, Math.min(count - 1, index));
    const row = rowAt(w, first + i);
    if (row) selectRow(row.row, extend);
    else if (w.filterId === null) selectRow(first + i, extend);
    else {
      // A filter's row not read yet: its view row comes from main.
      const spec = viewSpec(endpointId, ui, w.filterId);
      void api
        .logRows({ ...spec, anchor: { position: first + i }, count: 1, maxRowBytes: 0 })
        .then((r) => {
          const found = r.ok ? r.value.rows[0] : undefined;
          if (found) selectRow(found.row, extend);
        });
    }
    scrollToRow(i);
  };
  // The selection stays in view when it moves (and when the detail pane under it comes).
  useEffect(() => {
    if (selectedPosition !== undefined) scrollToRow(selectedPosition - first);
    // Only when the selection changes, not on every new row.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ui.selected]);
  // Find moved to a match: show its row.
  const current = scans.current;
  useEffect(() => {
    if (current && current.key === w.key) scrollToRow(current.position - first);
    // Only when Find moves, not on every new row.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current]);
  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((ref.current?.clientHeight ?? 200) / ROW_HEIGHT) - 1);
    const at =
      selectedPosition === undefined
        ? e.key === 'ArrowUp'
          ? count
          : from - 1
        : selectedPosition - first;
    const to: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      PageDown: at + page,
      PageUp: at - page,
      Home: 0,
      End: count - 1,
    };
    const target = to[e.key];
    if (target === undefined) return;
    e.preventDefault();
    move(target, e.shiftKey);
  };

  const drawn = [];
  for (let i = from; i < last; i++) {
    const row = rowAt(w, first + i);
    if (!row) {
      drawn.push(<Placeholder key={`p${first + i}`} top={top(i)} gone={row === null} />);
      continue;
    }
    const previous = i > 0 ? rowAt(w, first + i - 1) : null;
    drawn.push(
      <Row
        key={first + i}
        index={i}
        row={row}
        previousTime={previous ? previous.time : null}
        firstTime={firstTime}
        relative={ui.timeMode === 'relative'}
        peer={peerName(row.peerId)}
        dirLabel={isRelay ? RELAY_LOG_LABELS[row.dir] : row.dir.toUpperCase()}
        selected={row.row === ui.selected}
        inRange={range !== null && row.row >= range.from && row.row <= range.to}
        spans={highlight ? highlight(row.data) : null}
        origin={originOf(row.origin)}
        top={top(i)}
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
      aria-rowcount={count + 1}
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
        {count === 0 ? (
          <p className="muted msg-empty">{t(w.filterId !== null ? 'log.noneMatch' : 'emptyLog')}</p>
        ) : (
          <div className="msg-spacer" style={{ height: spacer }}>
            {drawn}
          </div>
        )}
      </div>
      {menu && (
        <div className="context-menu" ref={menuRef} style={{ left: menu.x, top: menu.y }}>
          <CopyMenuItems bytes={() => selectedBytes(api, model)} onDone={() => setMenu(null)} />
        </div>
      )}
    </div>
  );
}
