import { create } from 'zustand';
import { createAutomationSlice, type AutomationSlice } from './slices/automation';
import { createConnectionsSlice, type ConnectionsSlice } from './slices/connections';
import { createLibrarySlice, type LibrarySlice } from './slices/library';
import { createLogMessagesSlice, type LogMessagesSlice } from './slices/log-messages';
import { createLogRowsSlice, type LogRowsSlice } from './slices/log-rows';
import { createLogUiSlice, type LogUiSlice } from './slices/log-ui';
import { createNoticesSlice, type NoticesSlice } from './slices/notices';
import { createPayloadEditorSlice, type PayloadEditorSlice } from './slices/payload-editor';
import { createSessionSlice, type SessionSlice } from './slices/session';
import { createSettingsSlice, type SettingsSlice } from './slices/settings';
import { createUdpDestinationsSlice, type UdpDestinationsSlice } from './slices/udp-destinations';

/**
 * Everything the window holds, in one store, one slice per concern. What
 * the main process says arrives only through store/feed.ts; what the person
 * does arrives through the slices' actions. Derived data (the framed
 * messages, the indexes) is computed in those two places, never in a render.
 * A later slice (a page cache of the capture log) sits beside log-rows.
 */
export type WorkbenchState = ConnectionsSlice &
  SessionSlice &
  NoticesSlice &
  LogRowsSlice &
  LogMessagesSlice &
  LogUiSlice &
  PayloadEditorSlice &
  UdpDestinationsSlice &
  LibrarySlice &
  AutomationSlice &
  SettingsSlice;

export const useWorkbench = create<WorkbenchState>()((...a) => ({
  ...createConnectionsSlice(...a),
  ...createSessionSlice(...a),
  ...createNoticesSlice(...a),
  ...createLogRowsSlice(...a),
  ...createLogMessagesSlice(...a),
  ...createLogUiSlice(...a),
  ...createPayloadEditorSlice(...a),
  ...createUdpDestinationsSlice(...a),
  ...createLibrarySlice(...a),
  ...createAutomationSlice(...a),
  ...createSettingsSlice(...a),
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
  flushIdle,
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
} = useWorkbench.getState();

export type { Notice } from './slices/notices';
export { emptyLog, VIEW_BYTE_LIMIT, VIEW_ROW_LIMIT, type LogView } from './slices/log-rows';
export { defaultLogUi, logUiOf, type LogUi, type LogViewName } from './slices/log-ui';
export type { MessageView } from './slices/log-messages';
export { draftOf, HISTORY_LIMIT, type SendProgressView } from './slices/payload-editor';
export { udpDestinationOf, type UdpDestination } from './slices/udp-destinations';
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
export { messageSource, type ByteSource, type StreamSource } from './log-model/byte-source';
export {
  ALL_PEERS,
  type CompiledFilter,
  type LogFilter,
  type PatternKind,
  type Span,
} from './log-model/message-filter';
