import { create } from 'zustand';
import { createAutomationSlice, type AutomationSlice } from './slices/automation';
import { createConnectionsSlice, type ConnectionsSlice } from './slices/connections';
import { createLibrarySlice, type LibrarySlice } from './slices/library';
import { createLogLiveSlice, type LogLiveSlice } from './slices/log-live';
import { createLogPagesSlice, type LogPagesSlice } from './slices/log-pages';
import { createLogScansSlice, type LogScansSlice } from './slices/log-scans';
import { createLogUiSlice, type LogUiSlice } from './slices/log-ui';
import { createNoticesSlice, type NoticesSlice } from './slices/notices';
import { createPayloadEditorSlice, type PayloadEditorSlice } from './slices/payload-editor';
import { createPeersSlice, type PeersSlice } from './slices/peers';
import { createSessionSlice, type SessionSlice } from './slices/session';
import { createSettingsSlice, type SettingsSlice } from './slices/settings';
import { createUdpDestinationsSlice, type UdpDestinationsSlice } from './slices/udp-destinations';
import { createWorkspaceSlice, type WorkspaceSlice } from './slices/workspace';

/**
 * Everything the window holds, in one store, one slice per concern. What
 * the main process says arrives only through store/feed.ts (its events)
 * and the log pagers (store/log-pages/: the pages views asked for); what
 * the person does arrives through the slices' actions. No slice holds a
 * copy of the capture log: the log's slices hold live news, a bounded
 * cache of pages, and the state of the scans main runs.
 */
export type WorkbenchState = ConnectionsSlice &
  PeersSlice &
  SessionSlice &
  NoticesSlice &
  LogLiveSlice &
  LogPagesSlice &
  LogScansSlice &
  LogUiSlice &
  PayloadEditorSlice &
  UdpDestinationsSlice &
  LibrarySlice &
  AutomationSlice &
  SettingsSlice &
  WorkspaceSlice;

export const useWorkbench = create<WorkbenchState>()((...a) => ({
  ...createConnectionsSlice(...a),
  ...createPeersSlice(...a),
  ...createSessionSlice(...a),
  ...createNoticesSlice(...a),
  ...createLogLiveSlice(...a),
  ...createLogPagesSlice(...a),
  ...createLogScansSlice(...a),
  ...createLogUiSlice(...a),
  ...createPayloadEditorSlice(...a),
  ...createUdpDestinationsSlice(...a),
  ...createLibrarySlice(...a),
  ...createAutomationSlice(...a),
  ...createSettingsSlice(...a),
  ...createWorkspaceSlice(...a),
}));

// The actions never change: callable from event handlers, effects and the feed alike.
export const {
  setActive,
  setDialogOpen,
  setConnected,
  setLogBudget,
  setNetworkInterfaces,
  addNotice,
  dismissNotice,
  updateLogUi,
  updateFilter,
  clearLog,
  pauseLog,
  setDraft,
  recordSent,
  setSendProgress,
  setPayloadFile,
  setUdpDestination,
  setLibraryItems,
  setMacroPins,
  setPeriodicDraft,
  setRulesDraft,
  setSequenceDraft,
  setAutomationUi,
  setRulesApplied,
  updateSettings,
  setSettingsOpen,
  setShortcutsOpen,
  requestFind,
  setRecentWorkspaces,
} = useWorkbench.getState();

export type { Notice } from './slices/notices';
export {
  ALL_PEERS,
  defaultLogUi,
  logUiOf,
  selectedRange,
  type LogFilter,
  type LogUi,
  type LogViewName,
  type PatternKind,
} from './slices/log-ui';
export type { LiveLog } from './slices/log-live';
export { rowWindowOf } from './slices/log-pages';
export { logScansOf, type FoundMatch, type LogScans, type ScanState } from './slices/log-scans';
export { rowAt, shownRange, type LogRow, type RowWindow } from './log-pages/page-cache';
export { draftOf, HISTORY_LIMIT, type SendProgressView } from './slices/payload-editor';
export { udpDestinationOf, type UdpDestination } from './slices/udp-destinations';
export { peersOf, type PeerListView } from './slices/peers';
export { libraryItemMatches, payloadItemsOf } from './slices/library';
export {
  automationUiOf,
  periodicDraftOf,
  rulesDraftOf,
  sequenceDraftOf,
  type AutomationTab,
  type PeriodicDraft,
  type RulesDraft,
  type SequenceDraft,
} from './slices/automation';
export {
  DEFAULT_SETTINGS,
  EDITOR_FONT_SIZES,
  LOG_FONT_SIZES,
  settingsFrom,
  type Settings,
  type ThemeChoice,
  type TimeMode,
} from './slices/settings';
