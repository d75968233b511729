import type { RequestOf, WirebenchApi } from '../../shared/contract';
import type { WorkspaceState } from '../../shared/contract/ops/workspace-ops';
import { DEFAULT_PAYLOAD_SPEC } from '../../shared/payload/payload-spec';
import type { TabAutomation } from '../../shared/contract/workspace';
import { DEFAULT_PERIODIC, DEFAULT_SEQUENCE } from './slices/automation';
import { ALL_PEERS, logUiOf } from './slices/log-ui';
import { settingsFrom } from './slices/settings';
import { addNotice, updateLogUi, useWorkbench, type WorkbenchState } from './store';

/** The window tells main a moment after the last change, not at every keystroke. */
const SEND_AFTER_MS = 300;

/**
 * Takes in the workspace main holds (at start, after a reload, after
 * Open workspace): each tab's draft, history and log view, the settings,
 * the tab shown. The endpoints themselves come as events, like any other.
 */
export function applyWorkspaceState(state: WorkspaceState): void {
  useWorkbench.setState((s) => {
    const drafts = { ...s.drafts };
    const sentHistory = { ...s.sentHistory };
    const periodicDrafts = { ...s.periodicDrafts };
    const sequenceDrafts = { ...s.sequenceDrafts };
    const ruleDrafts = { ...s.ruleDrafts };
    for (const tab of state.tabs) {
      const id = tab.endpointId;
      drafts[id] = tab.draft;
      sentHistory[id] = tab.history;
      const { periodic, sequence, autoReply } = tab.automation ?? {};
      // Drafts only: a periodic send or a sequence is started by the person, never by a restore.
      if (periodic) periodicDrafts[id] = { ...DEFAULT_PERIODIC, ...periodic };
      if (sequence) sequenceDrafts[id] = { ...DEFAULT_SEQUENCE, ...sequence };
      // The rules main armed (its snapshot, taken first) win over the saved list.
      if (autoReply) ruleDrafts[id] ??= autoReply;
    }
    const present = state.activeId !== null && s.endpoints[state.activeId] !== undefined;
    return {
      drafts,
      sentHistory,
      periodicDrafts,
      sequenceDrafts,
      ruleDrafts,
      settings: settingsFrom({ ...s.settings, ...state.settings }),
      recentWorkspaces: state.recent,
      ...(present ? { activeId: state.activeId } : { pendingActiveId: state.activeId }),
    };
  });
  for (const tab of state.tabs) {
    const { filter, ...log } = tab.log;
    const current = logUiOf(useWorkbench.getState(), tab.endpointId);
    updateLogUi(tab.endpointId, {
      ...log,
      filter: { ...current.filter, ...filter, peerId: ALL_PEERS },
    });
  }
  if (state.notice) addNotice({ level: 'warning', endpointId: null, message: state.notice });
}

/** What main keeps of the window: every tab in order, with what was set around it. */
export function workspaceUpdate(s: WorkbenchState): RequestOf<'updateWorkspace'> {
  const { reopenAtStart, ...look } = s.settings;
  return {
    settings: { ...look, reopenAtStart },
    activeId: s.activeId,
    tabs: s.order.map((endpointId) => {
      const ui = logUiOf(s, endpointId);
      const { dir, kind, pattern, onlyMatches } = ui.filter;
      return {
        endpointId,
        draft: s.drafts[endpointId] ?? DEFAULT_PAYLOAD_SPEC,
        history: s.sentHistory[endpointId] ?? [],
        log: {
          view: ui.view,
          framing: ui.framing,
          filter: { dir, kind, pattern, onlyMatches },
          timeMode: ui.timeMode,
          encoding: ui.encoding,
        },
        automation: tabAutomationOf(s, endpointId),
      };
    }),
  };
}

/** The tab's automation forms as typed; main puts the rule list it runs in their place. */
function tabAutomationOf(s: WorkbenchState, id: string): TabAutomation {
  const periodic = s.periodicDrafts[id];
  const sequence = s.sequenceDrafts[id];
  const rules = s.ruleDrafts[id];
  return {
    ...(rules ? { autoReply: { enabled: rules.enabled, rules: rules.rules } } : {}),
    ...(periodic ? { periodic } : {}),
    ...(sequence
      ? {
          sequence: {
            source: sequence.source,
            name: sequence.name,
            libraryItemId: sequence.libraryItemId,
          },
        }
      : {}),
  };
}

/**
 * Reads the workspace once, then sends the window's part of it whenever it
 * changes (debounced; an unchanged one is not sent again). Returns the stop.
 */
export async function startWorkspaceSync(api: WirebenchApi): Promise<() => void> {
  const restored = await api.getWorkspace({});
  if (restored.ok) applyWorkspaceState(restored.value);
  let last = JSON.stringify(workspaceUpdate(useWorkbench.getState()));
  let timer: ReturnType<typeof setTimeout> | null = null;
  const unsubscribe = useWorkbench.subscribe((s, before) => {
    // A tab shown once its endpoint arrives (Open workspace replaced them).
    if (s.pendingActiveId && s.endpoints[s.pendingActiveId]) {
      useWorkbench.setState({ activeId: s.pendingActiveId, pendingActiveId: null });
    }
    const relevant =
      s.order !== before.order ||
      s.drafts !== before.drafts ||
      s.sentHistory !== before.sentHistory ||
      s.ruleDrafts !== before.ruleDrafts ||
      s.periodicDrafts !== before.periodicDrafts ||
      s.sequenceDrafts !== before.sequenceDrafts ||
      s.logUi !== before.logUi ||
      s.settings !== before.settings ||
      s.activeId !== before.activeId;
    if (!relevant) return;
    // Typing waits for a pause; a click (a view, a setting, a tab) goes at once, so a
    // reload right after it finds it in main.
    const typed =
      s.drafts !== before.drafts ||
      s.ruleDrafts !== before.ruleDrafts ||
      s.periodicDrafts !== before.periodicDrafts ||
      s.sequenceDrafts !== before.sequenceDrafts;
    const typing = typed && s.logUi === before.logUi && s.settings === before.settings;
    if (!typing) return sendNow();
    if (timer) clearTimeout(timer);
    timer = setTimeout(sendNow, SEND_AFTER_MS);
  });
  function sendNow(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const update = workspaceUpdate(useWorkbench.getState());
    const text = JSON.stringify(update);
    if (text === last) return;
    last = text;
    void api.updateWorkspace(update);
  }
  // A reload or a close within the debounce would lose the last change: it goes now.
  const flush = (): void => {
    if (timer) sendNow();
  };
  // The page's window; absent where the store runs outside a page (tests in Node).
  const page = globalThis as {
    addEventListener?: (type: string, listener: () => void) => void;
    removeEventListener?: (type: string, listener: () => void) => void;
  };
  page.addEventListener?.('pagehide', flush);
  return () => {
    page.removeEventListener?.('pagehide', flush);
    if (timer) clearTimeout(timer);
    unsubscribe();
  };
}
