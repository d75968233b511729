import type { StateCreator } from 'zustand';
import { emptyWindow, type LogRow, type RowWindow } from '../log-pages/page-cache';
import type { WorkbenchState } from '../store';
import { logUiOf } from './log-ui';

/**
 * The rows a window shows of each connection's log: one bounded page
 * cache of the view it shows (page-cache.ts), kept by the row pager
 * (log-pages/row-pager.ts) from what main answers. Never a copy of the
 * log: pages far from where the person looks are let go.
 */
export interface LogPagesSlice {
  rowWindows: Record<string, RowWindow>;
  /** The selected row as main described it (its stream offsets name its bytes), once known. */
  selectedRows: Record<string, LogRow | null>;
  /** Clears the view: every row so far goes from it (the capture log keeps them), and the selection. */
  clearLog(endpointId: string): void;
  /** Pause holds the view at the rows shown now while the counters go on; resume catches up. */
  pauseLog(endpointId: string, paused: boolean): void;
}

const NO_WINDOW = emptyWindow('', null);

export function rowWindowOf(state: Pick<WorkbenchState, 'rowWindows'>, id: string): RowWindow {
  return state.rowWindows[id] ?? NO_WINDOW;
}

/** The newest seq the view knows of: what it shows, or what the live events said. */
function seqEnd(s: WorkbenchState, id: string): number {
  return Math.max(rowWindowOf(s, id).seqEnd, s.live[id]?.lastSeq ?? -1);
}

export const createLogPagesSlice: StateCreator<WorkbenchState, [], [], LogPagesSlice> = (set) => ({
  rowWindows: {},
  selectedRows: {},
  clearLog: (id) =>
    set((s) => {
      const w = rowWindowOf(s, id);
      const ui = logUiOf(s, id);
      return {
        logUi: {
          ...s.logUi,
          [id]: { ...ui, clearedAt: seqEnd(s, id), pausedAt: null, selected: null, anchor: null },
        },
        // At once, before the pager has asked main where that seq's rows end.
        rowWindows: { ...s.rowWindows, [id]: { ...w, start: w.total, end: null } },
      };
    }),
  pauseLog: (id, paused) =>
    set((s) => {
      const w = rowWindowOf(s, id);
      const ui = logUiOf(s, id);
      return {
        logUi: { ...s.logUi, [id]: { ...ui, pausedAt: paused ? seqEnd(s, id) : null } },
        rowWindows: { ...s.rowWindows, [id]: { ...w, end: paused ? w.total : null } },
      };
    }),
});
