import { useEffect, useMemo, useState } from 'react';
import type { WirebenchApi } from '../../shared/contract';
import { RowPager } from '../store/log-pages/row-pager';
import { ScanRunner } from '../store/log-pages/scan-runner';
import {
  logScansOf,
  logUiOf,
  rowWindowOf,
  shownRange,
  useWorkbench,
  type LogRow,
  type LogScans,
  type LogUi,
  type RowWindow,
} from '../store/store';

/** What a connection's log views read: settings, the row window, the scans, and who keeps them. */
export interface LogModel {
  endpointId: string;
  ui: LogUi;
  window: RowWindow;
  scans: LogScans;
  /** Positions shown: [first, end); `count` of them. */
  first: number;
  end: number;
  count: number;
  /** Rows that came since the view was paused. */
  newWhilePaused: number;
  /** The selected row as main described it (null until it is known). */
  selectedRow: LogRow | null;
  pager: RowPager;
  runner: ScanRunner;
}

export interface LogMachinery {
  pager: RowPager;
  runner: ScanRunner;
}

/**
 * The row pager and the scan runner of the connection a log panel shows:
 * running while it is shown, stopped (its scans closed in main) when not.
 */
export function useLogMachinery(api: WirebenchApi, endpointId: string): LogMachinery {
  const [held, setHeld] = useState(() => made(api, endpointId));
  let machinery = held;
  if (held.api !== api || held.endpointId !== endpointId) {
    machinery = made(api, endpointId);
    setHeld(machinery);
  }
  useEffect(() => {
    machinery.pager.start();
    machinery.runner.start();
    return () => {
      machinery.pager.stop();
      machinery.runner.stop();
    };
  }, [machinery]);
  return machinery;
}

/** Made during a render (nothing runs until started), so it is there from the first one. */
function made(api: WirebenchApi, endpointId: string) {
  return {
    api,
    endpointId,
    pager: new RowPager(api, endpointId),
    runner: new ScanRunner(api, endpointId),
  };
}

/** A connection's log as the views see it; only reads the store, so a render changes nothing. */
export function useLogModel(endpointId: string, machinery: LogMachinery): LogModel {
  const stored = useWorkbench((s) => logUiOf(s, endpointId));
  const defaultTime = useWorkbench((s) => s.settings.timeMode);
  // A log that never chose its time format follows the Settings, even when they change.
  const ui = useMemo(
    () => (stored.timeMode ? stored : { ...stored, timeMode: defaultTime }),
    [stored, defaultTime],
  );
  const window = useWorkbench((s) => rowWindowOf(s, endpointId));
  const scans = useWorkbench((s) => logScansOf(s, endpointId));
  const described = useWorkbench((s) => s.selectedRows[endpointId] ?? null);
  const { first, end } = shownRange(window);
  const selectedRow = described && described.row === ui.selected ? described : null;
  return {
    endpointId,
    ui,
    window,
    scans,
    first,
    end,
    count: end - first,
    newWhilePaused: ui.pausedAt !== null ? Math.max(0, window.total - end) : 0,
    selectedRow,
    pager: machinery.pager,
    runner: machinery.runner,
  };
}
