import { useCallback, useRef } from 'react';
import type { PayloadSpec } from '../../shared/payload/payload-spec';
import { draftOf, setDraft, useWorkbench } from '../store/store';

/**
 * Up/Down through what this connection sent, as a shell does: Up from the
 * draft shows the newest sent payload, Down past the newest brings the draft
 * back. A recalled payload comes back whole (mode, encoding, appended parts).
 */
export function useHistoryRecall(endpointId: string) {
  // -1: the draft; otherwise an index into the history.
  const position = useRef(-1);
  const draft = useRef<PayloadSpec | null>(null);

  const recall = useCallback(
    (step: -1 | 1): boolean => {
      const list = useWorkbench.getState().sentHistory[endpointId] ?? [];
      if (list.length === 0) return false;
      let next: number;
      if (position.current === -1) {
        if (step === 1) return false;
        draft.current = draftOf(useWorkbench.getState(), endpointId);
        next = list.length - 1;
      } else {
        next = position.current + step;
        if (next < 0) return true; // at the oldest: stay, but keep the key
      }
      if (next >= list.length) {
        position.current = -1;
        if (draft.current) setDraft(endpointId, draft.current);
        return true;
      }
      position.current = next;
      setDraft(endpointId, list[next] as PayloadSpec);
      return true;
    },
    [endpointId],
  );

  const reset = useCallback(() => {
    position.current = -1;
  }, []);

  return { recall, reset };
}
