import type { StateCreator } from 'zustand';
import type { Direction } from '../../../shared/contract';
import { DEFAULT_FRAMING, type FramingSpec } from '../../../shared/framing/framing-spec';
import type { TextEncodingName } from '../../../shared/payload/encodings';
import type { WorkbenchState } from '../store';

export type LogViewName = 'messages' | 'hex' | 'text' | 'terminal';

/** The peer filter's value for "every peer". */
export const ALL_PEERS = '*';

export type PatternKind = 'text' | 'hex' | 'regex';

/** What the person asked the log to show or find (the main process runs it: store/log-pages/log-scans.ts). */
export interface LogFilter {
  dir: Direction | 'all';
  peerId: string;
  kind: PatternKind;
  pattern: string;
  /** Hide the rows the pattern does not match (otherwise they are only marked, and Find moves between them). */
  onlyMatches: boolean;
}

/**
 * What one connection's log looks like to the user; kept per connection,
 * in this window only. Rows are named by their position in the framed view
 * without a filter (a "view row"), which a filter does not renumber; chunks
 * by their seq, which no framing renumbers.
 */
export interface LogUi {
  view: LogViewName;
  framing: FramingSpec;
  filter: LogFilter;
  /** Chosen for this log; null follows the Settings (log-model resolves it). */
  timeMode: 'absolute' | 'relative' | null;
  /** While paused the view shows rows of chunks up to this seq only. */
  pausedAt: number | null;
  /** Cleared: rows of chunks up to this seq are not shown (the capture log keeps them). */
  clearedAt: number | null;
  /**
   * The selected row (a view row), shown by the detail pane and the Hex and
   * Text views; with `anchor`, the range a Shift+click or Shift+arrow made.
   * selection.ts reads a selection's rows and bytes from the main process.
   */
  selected: number | null;
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
    clearedAt: null,
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

/** The selected view rows, lowest first (a range, or the one row), or null. */
export function selectedRange(ui: LogUi): { from: number; to: number } | null {
  if (ui.selected === null) return null;
  const other = ui.anchor ?? ui.selected;
  return { from: Math.min(ui.selected, other), to: Math.max(ui.selected, other) };
}

/**
 * Each connection's log view settings, and what the person does to a log.
 * Nothing is derived here: the main process frames, filters and finds, and
 * the row pager (store/log-pages/row-pager.ts) follows these settings.
 */
export interface LogUiSlice {
  logUi: Record<string, LogUi>;
  updateLogUi(endpointId: string, patch: Partial<LogUi>): void;
  updateFilter(endpointId: string, patch: Partial<LogFilter>): void;
}

export const createLogUiSlice: StateCreator<WorkbenchState, [], [], LogUiSlice> = (set) => ({
  logUi: {},
  updateLogUi: (endpointId, patch) =>
    set((s) => ({ logUi: { ...s.logUi, [endpointId]: { ...logUiOf(s, endpointId), ...patch } } })),
  updateFilter: (endpointId, patch) =>
    set((s) => {
      const ui = logUiOf(s, endpointId);
      return { logUi: { ...s.logUi, [endpointId]: { ...ui, filter: { ...ui.filter, ...patch } } } };
    }),
});
