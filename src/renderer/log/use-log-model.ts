import { useEffect, useMemo } from 'react';
import type { CompiledFilter } from '../store/log-model/message-filter';
import { rowRange, type MessageIndex, type RowRange } from '../store/log-model/message-index';
import type { MessageLog } from '../store/log-model/message-log';
import { updatedView } from '../store/slices/log-messages';
import {
  defaultLogUi,
  flushIdle,
  logUiOf,
  useWorkbench,
  type LogUi,
  type MessageView,
} from '../store/store';

export interface LogModel {
  ui: LogUi;
  log: MessageLog;
  index: MessageIndex;
  filter: CompiledFilter;
  /** The direction streams the Hex and Text views asked for. */
  streams: MessageView['streams'];
  /** The rows the views show (cleared and paused-after messages left out). */
  rows: RowRange;
  /** Messages that arrived since the view was paused. */
  newWhilePaused: number;
}

/** What a connection that has no messages yet shows; never changed (only the store's views are). */
const NO_MESSAGES: MessageView = updatedView(undefined, defaultLogUi(), []);

/**
 * A connection's messages as the views see them. The store frames and
 * indexes new rows as they arrive (store/slices/log-messages.ts); this only
 * reads, so a render changes nothing and may run twice.
 */
export function useLogModel(endpointId: string): LogModel {
  const stored = useWorkbench((s) => logUiOf(s, endpointId));
  const defaultTime = useWorkbench((s) => s.settings.timeMode);
  // A log that never chose its time format follows the Settings, even when they change.
  const ui = useMemo(
    () => (stored.timeMode ? stored : { ...stored, timeMode: defaultTime }),
    [stored, defaultTime],
  );
  const view = useWorkbench((s) => s.messages[endpointId]) ?? NO_MESSAGES;

  // Idle framing ends a message when time passes, not when bytes come.
  const idle = ui.framing.mode === 'idle';
  useEffect(() => {
    if (!idle) return;
    const timer = setInterval(() => flushIdle(endpointId, Date.now() * 1000), 50);
    return () => clearInterval(timer);
  }, [idle, endpointId]);

  const end = ui.pausedAt !== null ? Math.min(ui.pausedAt, view.log.end) : view.log.end;
  // The view object is new whenever its messages or its index changed.
  const rows = useMemo(() => rowRange(view.index, view.log.start, end), [view, end]);
  const { log, index, filter, streams } = view;
  return { ui, log, index, filter, streams, rows, newWhilePaused: log.end - end };
}
