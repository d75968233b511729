import type { StateCreator } from 'zustand';
import type { ScanStatusInfo } from '../../../shared/contract/log-scan';
import type { MessageRef } from '../../../shared/messages/catalogue';
import type { SearchMatch } from '../../../shared/contract/ops/log-page-ops';
import type { WorkbenchState } from '../store';

/** A search or filter main runs for this window, and how it is doing. */
export interface ScanState {
  scanId: string;
  status: ScanStatusInfo;
  /** When the window asked for it (performance.now()), so a progress bar shows only once it takes long. */
  startedAt: number;
}

/** The match Find moved to last, and the row it is in. */
export interface FoundMatch {
  scanId: string;
  match: SearchMatch;
  /** The search's first match still held when this one was read (the count shown starts there). */
  firstHeld: number;
  /** Its view row, and its position in the view shown (a filter's, when one is read). */
  row: number;
  position: number;
  /** The view that position belongs to (page-cache.ts RowWindow.key). */
  key: string;
}

/** One connection's Find and filter, run in the main process (log-pages/log-scans.ts starts them). */
export interface LogScans {
  search: ScanState | null;
  filter: ScanState | null;
  /** Why the pattern could not be looked for, as main said it. */
  error: MessageRef | null;
  current: FoundMatch | null;
}

export interface LogScansSlice {
  logScans: Record<string, LogScans>;
}

export const createLogScansSlice: StateCreator<WorkbenchState, [], [], LogScansSlice> = () => ({
  logScans: {},
});

export const NO_SCANS: LogScans = { search: null, filter: null, error: null, current: null };

export function logScansOf(s: Pick<WorkbenchState, 'logScans'>, endpointId: string): LogScans {
  return s.logScans[endpointId] ?? NO_SCANS;
}

/** The scans with a status main reported, when it is one of them (a closed one's late news is dropped). */
export function withScanStatus(scans: LogScans, status: ScanStatusInfo): LogScans {
  if (scans.search?.scanId === status.scanId) {
    return { ...scans, search: { ...scans.search, status } };
  }
  if (scans.filter?.scanId === status.scanId) {
    return { ...scans, filter: { ...scans.filter, status } };
  }
  return scans;
}
