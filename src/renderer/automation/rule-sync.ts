import type { WirebenchApi } from '../../shared/contract';
import type { FramingSpec } from '../../shared/framing/framing-spec';
import type { TextEncodingName } from '../../shared/payload/encodings';
import { addNotice, logUiOf, setRulesApplied, useWorkbench, type RulesDraft } from '../store/store';

/** Edits are applied to the main process once the typing pauses this long. */
export const APPLY_AFTER_MS = 250;

interface Applied {
  draft: RulesDraft;
  framing: FramingSpec;
  encoding: TextEncodingName;
}

/**
 * Keeps each connection's rules in the main process as the window edits
 * them: a change of the rule list, of "Answer incoming messages", or of the
 * log's framing or encoding (the rules see the messages the log shows) is
 * applied once the edits pause. It watches the store, not a panel, so an
 * edit is applied even when the panel closes or the tab changes right after.
 * What the store held when this starts (the main process's own rules) is
 * taken as applied.
 */
export function startRuleSync(api: WirebenchApi): () => void {
  /** The state last seen per connection (applied, or waiting for the edits to pause). */
  const seen = new Map<string, Applied>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const current = (id: string): Applied | null => {
    const s = useWorkbench.getState();
    const draft = s.ruleDrafts[id];
    if (!draft) return null;
    const ui = logUiOf(s, id);
    return { draft, framing: ui.framing, encoding: ui.encoding };
  };
  const same = (a: Applied | undefined, b: Applied): boolean =>
    a !== undefined && a.draft === b.draft && a.framing === b.framing && a.encoding === b.encoding;
  const apply = (id: string): void => {
    timers.delete(id);
    const now = current(id);
    if (!now || !useWorkbench.getState().endpoints[id]) return;
    const { draft, framing, encoding } = now;
    void api
      .setAutoReply({
        endpointId: id,
        enabled: draft.enabled,
        rules: draft.rules,
        framing,
        encoding,
      })
      .then((r) => {
        // A later edit already waiting keeps the state at applying.
        if (timers.has(id)) return;
        setRulesApplied(id, r.ok ? 'applied' : 'failed');
        if (!r.ok) addNotice({ level: 'error', endpointId: id, message: r.error.message });
      });
  };
  // Every store update comes here (30 batches a second in a flood): only a change
  // restarts the pause, or the edits would never be applied while events flow.
  const check = (): void => {
    for (const id of Object.keys(useWorkbench.getState().ruleDrafts)) {
      const now = current(id);
      if (!now || same(seen.get(id), now)) continue;
      seen.set(id, now);
      clearTimeout(timers.get(id));
      timers.set(
        id,
        setTimeout(() => apply(id), APPLY_AFTER_MS),
      );
      setRulesApplied(id, 'applying');
    }
  };
  for (const id of Object.keys(useWorkbench.getState().ruleDrafts)) {
    const now = current(id);
    if (now) seen.set(id, now);
  }
  const unsubscribe = useWorkbench.subscribe(check);
  return () => {
    unsubscribe();
    for (const t of timers.values()) clearTimeout(t);
  };
}
