import type { StateCreator } from 'zustand';
import type { PayloadFileInfoView } from '../../../shared/contract/ops/payload-file-ops';
import { DEFAULT_PAYLOAD_SPEC, type PayloadSpec } from '../../../shared/payload/payload-spec';
import type { WorkbenchState } from '../store';

/** How many sent payloads each connection remembers for Up/Down. */
export const HISTORY_LIMIT = 50;

export interface SendProgressView {
  sendId: string;
  sent: number;
  total: number;
}

/**
 * The payload editor's state per connection, kept outside the component so
 * switching tabs does not lose a half-typed frame: the draft, what was sent
 * (newest last), how many sends the `{{counter}}` has seen, a running
 * send's progress (fed by the feed); and what the window knows of the files
 * payloads refer to.
 */
export interface PayloadEditorSlice {
  drafts: Record<string, PayloadSpec>;
  sentHistory: Record<string, PayloadSpec[]>;
  sendCounters: Record<string, number>;
  sendProgress: Record<string, SendProgressView | undefined>;
  /** Name, size and first bytes of each chosen file (null: main does not know the id). */
  payloadFiles: Record<string, PayloadFileInfoView | null>;
  setDraft(endpointId: string, spec: PayloadSpec): void;
  /** Remembers a sent payload (not twice in a row) and advances the counter. */
  recordSent(endpointId: string, spec: PayloadSpec): void;
  setSendProgress(endpointId: string, progress: SendProgressView | undefined): void;
  setPayloadFile(id: string, info: PayloadFileInfoView | null): void;
}

export const createPayloadEditorSlice: StateCreator<WorkbenchState, [], [], PayloadEditorSlice> = (
  set,
) => ({
  drafts: {},
  sentHistory: {},
  sendCounters: {},
  sendProgress: {},
  payloadFiles: {},
  setDraft: (endpointId, spec) => set((s) => ({ drafts: { ...s.drafts, [endpointId]: spec } })),
  recordSent: (endpointId, spec) =>
    set((s) => {
      const list = s.sentHistory[endpointId] ?? [];
      const last = list[list.length - 1];
      const next = last && JSON.stringify(last) === JSON.stringify(spec) ? list : [...list, spec];
      return {
        sentHistory: { ...s.sentHistory, [endpointId]: next.slice(-HISTORY_LIMIT) },
        sendCounters: { ...s.sendCounters, [endpointId]: (s.sendCounters[endpointId] ?? 0) + 1 },
      };
    }),
  setSendProgress: (endpointId, progress) =>
    set((s) => ({ sendProgress: { ...s.sendProgress, [endpointId]: progress } })),
  setPayloadFile: (id, info) => set((s) => ({ payloadFiles: { ...s.payloadFiles, [id]: info } })),
});

/** The connection's draft (the default payload until the person types). */
export function draftOf(state: Pick<WorkbenchState, 'drafts'>, endpointId: string): PayloadSpec {
  return state.drafts[endpointId] ?? DEFAULT_PAYLOAD_SPEC;
}
