import type { StateCreator } from 'zustand';
import type { Direction } from '../../../shared/contract';
import { DEFAULT_FRAMING, type FramingSpec } from '../../../shared/framing/framing-spec';
import type { TextEncodingName } from '../../../shared/payload/encodings';
import { ALL_PEERS, type LogFilter } from '../log-model/message-filter';
import type { WorkbenchState } from '../store';
import { updatedView } from './log-messages';

export type LogViewName = 'messages' | 'hex' | 'text' | 'terminal';

/** What one connection's log looks like to the user; kept per connection, in this window only. */
export interface LogUi {
  view: LogViewName;
  framing: FramingSpec;
  filter: LogFilter;
  /** Chosen for this log; null follows the Settings (log-model resolves it). */
  timeMode: 'absolute' | 'relative' | null;
  /** While paused the view shows messages before this ordinal only. */
  pausedAt: number | null;
  /** The selected message (ordinal), shown by the Hex and Text views. */
  selected: number | null;
  /** Where a Shift+click or Shift+arrow range selection started (ordinal). */
  anchor: number | null;
  /** What the Hex and Text views show: the selected message, or one direction's whole stream. */
  source: 'message' | Direction;
  encoding: TextEncodingName;
  /** Whether keystrokes in the Terminal go to the peer. */
  keysToPeer: boolean;
}

export function defaultLogUi(): LogUi {
  return {
    view: 'messages',
    framing: DEFAULT_FRAMING,
    filter: { dir: 'all', peerId: ALL_PEERS, kind: 'text', pattern: '', onlyMatches: false },
    timeMode: null,
    pausedAt: null,
    selected: null,
    anchor: null,
    source: 'message',
    encoding: 'utf-8',
    keysToPeer: false,
  };
}

const DEFAULTS = defaultLogUi();

/** The UI state of one connection's log (the defaults until it is first changed). */
export function logUiOf(state: Pick<WorkbenchState, 'logUi'>, endpointId: string): LogUi {
  return state.logUi[endpointId] ?? DEFAULTS;
}

/**
 * Each connection's log view settings, and what the person does to a log.
 * A change that alters what the messages are (framing, filter, the stream
 * shown, a clear) re-derives them in the same update (log-messages.ts),
 * never during a render.
 */
export interface LogUiSlice {
  logUi: Record<string, LogUi>;
  updateLogUi(endpointId: string, patch: Partial<LogUi>): void;
  updateFilter(endpointId: string, patch: Partial<LogFilter>): void;
  /** Clears the view: every message so far goes (the capture log keeps them), and the selection. */
  clearLog(endpointId: string): void;
  /** Idle framing: ends the messages whose peer went quiet before `now` (µs). */
  flushIdle(endpointId: string, now: number): void;
}

/** The state with a connection's new settings, and its messages brought up to date with them. */
function withLogUi(s: WorkbenchState, endpointId: string, ui: LogUi): Partial<WorkbenchState> {
  const log = s.logs[endpointId];
  const view = s.messages[endpointId];
  const next = log ? updatedView(view, ui, log.rows) : view;
  return {
    logUi: { ...s.logUi, [endpointId]: ui },
    ...(next !== view && next ? { messages: { ...s.messages, [endpointId]: next } } : {}),
  };
}

export const createLogUiSlice: StateCreator<WorkbenchState, [], [], LogUiSlice> = (set) => ({
  logUi: {},
  updateLogUi: (endpointId, patch) =>
    set((s) => withLogUi(s, endpointId, { ...logUiOf(s, endpointId), ...patch })),
  updateFilter: (endpointId, patch) =>
    set((s) => {
      const ui = logUiOf(s, endpointId);
      return withLogUi(s, endpointId, { ...ui, filter: { ...ui.filter, ...patch } });
    }),
  clearLog: (endpointId) =>
    set((s) => {
      s.messages[endpointId]?.log.clear();
      const ui = logUiOf(s, endpointId);
      return withLogUi(s, endpointId, { ...ui, selected: null, anchor: null, pausedAt: null });
    }),
  flushIdle: (endpointId, now) =>
    set((s) => {
      const view = s.messages[endpointId];
      const log = s.logs[endpointId];
      if (!view || !log || !view.log.flush(now)) return s;
      const next = updatedView(view, logUiOf(s, endpointId), log.rows);
      return { messages: { ...s.messages, [endpointId]: next } };
    }),
});
