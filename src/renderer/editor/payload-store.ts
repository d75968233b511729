import { create } from 'zustand';
import { DEFAULT_PAYLOAD_SPEC, type PayloadSpec } from '../../shared/payload/payload-spec';

/** How many sent payloads each connection remembers for Up/Down. */
export const HISTORY_LIMIT = 50;

export interface SendProgressView {
  sendId: string;
  sent: number;
  total: number;
}

/**
 * The editor's state per connection, kept outside the component so switching
 * tabs does not lose a half-typed frame: the draft, what was sent (newest
 * last), how many sends the `{{counter}}` has seen, a running send's progress.
 */
interface PayloadEditorState {
  drafts: Record<string, PayloadSpec>;
  history: Record<string, PayloadSpec[]>;
  counters: Record<string, number>;
  progress: Record<string, SendProgressView | undefined>;
}

export const usePayloadEditor = create<PayloadEditorState>(() => ({
  drafts: {},
  history: {},
  counters: {},
  progress: {},
}));

export function draftOf(state: PayloadEditorState, endpointId: string): PayloadSpec {
  return state.drafts[endpointId] ?? DEFAULT_PAYLOAD_SPEC;
}

export function setDraft(endpointId: string, spec: PayloadSpec): void {
  usePayloadEditor.setState((s) => ({ drafts: { ...s.drafts, [endpointId]: spec } }));
}

/** Remembers a sent payload (not twice in a row) and advances the counter. */
export function recordSent(endpointId: string, spec: PayloadSpec): void {
  usePayloadEditor.setState((s) => {
    const list = s.history[endpointId] ?? [];
    const last = list[list.length - 1];
    const next = last && JSON.stringify(last) === JSON.stringify(spec) ? list : [...list, spec];
    return {
      history: { ...s.history, [endpointId]: next.slice(-HISTORY_LIMIT) },
      counters: { ...s.counters, [endpointId]: (s.counters[endpointId] ?? 0) + 1 },
    };
  });
}

export function setProgress(endpointId: string, progress: SendProgressView | undefined): void {
  usePayloadEditor.setState((s) => ({ progress: { ...s.progress, [endpointId]: progress } }));
}
