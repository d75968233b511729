import type { StateCreator } from 'zustand';
import type { AutoReplyRule } from '../../../shared/automation/rule-spec';
import type {
  AutomationSnapshot,
  AutoReplyStatus,
  PeriodicStatus,
  ScriptProblem,
  SequenceStatus,
  WirebenchEvent,
} from '../../../shared/contract';
import type { WorkbenchState } from '../store';

export type AutomationTab = 'periodic' | 'auto-reply' | 'sequence';

/** The Periodic send form, as typed (validated on Start). */
export interface PeriodicDraft {
  interval: string;
  count: string;
  source: 'editor' | 'library';
  libraryItemId: string | null;
}

/** The rule list as the person edits it; applied to the main process on every change. */
export interface RulesDraft {
  enabled: boolean;
  rules: AutoReplyRule[];
}

export interface SequenceDraft {
  source: string;
  name: string;
  /** The saved sequence it was loaded from or saved as, replaced by the next save. */
  libraryItemId: string | null;
  /** The script of the run shown (steps are numbered in it), and main's problems with it. */
  ran: string | null;
  problems: ScriptProblem[];
}

export interface AutomationUi {
  open: boolean;
  tab: AutomationTab;
}

export const DEFAULT_PERIODIC: PeriodicDraft = {
  interval: '1000',
  count: '',
  source: 'editor',
  libraryItemId: null,
};
export const DEFAULT_SEQUENCE: SequenceDraft = {
  source: '',
  name: '',
  libraryItemId: null,
  ran: null,
  problems: [],
};
export const DEFAULT_RULES: RulesDraft = { enabled: true, rules: [] };
const DEFAULT_UI: AutomationUi = { open: false, tab: 'periodic' };

/**
 * Automation per connection: what the main process last said of its
 * periodic send, auto-reply and sequence (fed by feed.ts, whole statuses),
 * and the forms the person fills in (kept here so a tab switch loses none).
 */
export interface AutomationSlice {
  periodicStatus: Record<string, PeriodicStatus>;
  autoReplyStatus: Record<string, AutoReplyStatus>;
  sequenceStatus: Record<string, SequenceStatus>;
  periodicDrafts: Record<string, PeriodicDraft>;
  ruleDrafts: Record<string, RulesDraft>;
  sequenceDrafts: Record<string, SequenceDraft>;
  automationUi: Record<string, AutomationUi>;
  /** Whether the rule list as edited is in the main process yet. */
  rulesApplied: Record<string, 'applying' | 'applied' | 'failed'>;
  setRulesApplied(endpointId: string, state: 'applying' | 'applied' | 'failed'): void;
  setPeriodicDraft(endpointId: string, patch: Partial<PeriodicDraft>): void;
  setRulesDraft(endpointId: string, draft: RulesDraft): void;
  setSequenceDraft(endpointId: string, patch: Partial<SequenceDraft>): void;
  setAutomationUi(endpointId: string, patch: Partial<AutomationUi>): void;
}

export const createAutomationSlice: StateCreator<WorkbenchState, [], [], AutomationSlice> = (
  set,
) => ({
  periodicStatus: {},
  autoReplyStatus: {},
  sequenceStatus: {},
  periodicDrafts: {},
  ruleDrafts: {},
  sequenceDrafts: {},
  automationUi: {},
  rulesApplied: {},
  setRulesApplied: (id, state) =>
    set((s) =>
      s.rulesApplied[id] === state ? s : { rulesApplied: { ...s.rulesApplied, [id]: state } },
    ),
  setPeriodicDraft: (id, patch) =>
    set((s) => ({
      periodicDrafts: { ...s.periodicDrafts, [id]: { ...periodicDraftOf(s, id), ...patch } },
    })),
  setRulesDraft: (id, draft) => set((s) => ({ ruleDrafts: { ...s.ruleDrafts, [id]: draft } })),
  setSequenceDraft: (id, patch) =>
    set((s) => ({
      sequenceDrafts: { ...s.sequenceDrafts, [id]: { ...sequenceDraftOf(s, id), ...patch } },
    })),
  setAutomationUi: (id, patch) =>
    set((s) => ({
      automationUi: { ...s.automationUi, [id]: { ...automationUiOf(s, id), ...patch } },
    })),
});

export const periodicDraftOf = (s: Pick<WorkbenchState, 'periodicDrafts'>, id: string) =>
  s.periodicDrafts[id] ?? DEFAULT_PERIODIC;
export const rulesDraftOf = (s: Pick<WorkbenchState, 'ruleDrafts'>, id: string) =>
  s.ruleDrafts[id] ?? DEFAULT_RULES;
export const sequenceDraftOf = (s: Pick<WorkbenchState, 'sequenceDrafts'>, id: string) =>
  s.sequenceDrafts[id] ?? DEFAULT_SEQUENCE;
export const automationUiOf = (s: Pick<WorkbenchState, 'automationUi'>, id: string) =>
  s.automationUi[id] ?? DEFAULT_UI;

type Draft = Pick<WorkbenchState, 'periodicStatus' | 'autoReplyStatus' | 'sequenceStatus'>;

/** Takes in a status event (the state's maps may be replaced, never changed in place). */
export function putAutomationEvent(
  state: Draft,
  event: Extract<WirebenchEvent, { type: 'periodic' | 'auto-reply' | 'sequence' }>,
): void {
  const id = event.endpointId;
  if (event.type === 'periodic')
    state.periodicStatus = { ...state.periodicStatus, [id]: event.status };
  else if (event.type === 'auto-reply')
    state.autoReplyStatus = { ...state.autoReplyStatus, [id]: event.status };
  else state.sequenceStatus = { ...state.sequenceStatus, [id]: event.status };
}

/** Forgets a removed connection's automation. */
export function dropAutomation(state: WorkbenchState, id: string): void {
  const without = <T>(map: Record<string, T>): Record<string, T> => {
    if (!(id in map)) return map;
    const { [id]: _gone, ...rest } = map;
    return rest;
  };
  state.periodicStatus = without(state.periodicStatus);
  state.autoReplyStatus = without(state.autoReplyStatus);
  state.sequenceStatus = without(state.sequenceStatus);
  state.periodicDrafts = without(state.periodicDrafts);
  state.ruleDrafts = without(state.ruleDrafts);
  state.sequenceDrafts = without(state.sequenceDrafts);
  state.automationUi = without(state.automationUi);
  state.rulesApplied = without(state.rulesApplied);
}

/** What the main process held when the window opened: statuses, and the rule lists to edit. */
export function afterAutomationSnapshot(
  state: WorkbenchState,
  snapshots: AutomationSnapshot[],
): Partial<WorkbenchState> {
  const next: Draft & Pick<WorkbenchState, 'ruleDrafts'> = {
    periodicStatus: { ...state.periodicStatus },
    autoReplyStatus: { ...state.autoReplyStatus },
    sequenceStatus: { ...state.sequenceStatus },
    ruleDrafts: { ...state.ruleDrafts },
  };
  for (const s of snapshots) {
    if (s.periodic) next.periodicStatus[s.endpointId] = s.periodic;
    if (s.sequence) next.sequenceStatus[s.endpointId] = s.sequence;
    if (s.autoReply) {
      const { ruleList, ...status } = s.autoReply;
      next.autoReplyStatus[s.endpointId] = status;
      next.ruleDrafts[s.endpointId] ??= { enabled: status.enabled, rules: ruleList };
    }
  }
  return next;
}
