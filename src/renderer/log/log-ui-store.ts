import { create } from 'zustand';
import type { Direction } from '../../shared/contract';
import { DEFAULT_FRAMING, type FramingSpec } from '../../shared/framing/framing-spec';
import type { TextEncodingName } from '../../shared/payload/encodings';

export type LogViewName = 'messages' | 'hex' | 'text' | 'terminal';
export type PatternKind = 'text' | 'hex' | 'regex';

export interface LogFilter {
  dir: Direction | 'all';
  peerId: string;
  kind: PatternKind;
  pattern: string;
  /** Hide the rows the pattern does not match (otherwise they are only highlighted). */
  onlyMatches: boolean;
}

/** What one connection's log looks like to the user; kept per connection, in this window only. */
export interface LogUi {
  view: LogViewName;
  framing: FramingSpec;
  filter: LogFilter;
  timeMode: 'absolute' | 'relative';
  /** While paused the view shows messages before this ordinal only. */
  pausedAt: number | null;
  /** Messages before this ordinal were cleared from the view. */
  clearedBefore: number;
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

export const ALL_PEERS = '*';

export function defaultLogUi(): LogUi {
  return {
    view: 'messages',
    framing: DEFAULT_FRAMING,
    filter: { dir: 'all', peerId: ALL_PEERS, kind: 'text', pattern: '', onlyMatches: false },
    timeMode: 'absolute',
    pausedAt: null,
    clearedBefore: 0,
    selected: null,
    anchor: null,
    source: 'message',
    encoding: 'utf-8',
    keysToPeer: false,
  };
}

export const useLogUi = create<Record<string, LogUi>>(() => ({}));

/** The UI state of one connection's log, created with defaults on first use. */
export function useLogUiOf(endpointId: string): LogUi {
  return useLogUi((s) => s[endpointId]) ?? DEFAULTS;
}
const DEFAULTS = defaultLogUi();

export function updateLogUi(endpointId: string, patch: Partial<LogUi>): void {
  useLogUi.setState((s) => ({ [endpointId]: { ...(s[endpointId] ?? defaultLogUi()), ...patch } }));
}

export function updateFilter(endpointId: string, patch: Partial<LogFilter>): void {
  useLogUi.setState((s) => {
    const ui = s[endpointId] ?? defaultLogUi();
    return { [endpointId]: { ...ui, filter: { ...ui.filter, ...patch } } };
  });
}
