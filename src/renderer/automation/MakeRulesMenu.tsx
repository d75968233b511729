import { msg } from '../../shared/messages/catalogue';
import { useEffect, useRef } from 'react';
import { useApi } from '../api/api-context';
import { MAX_RULES } from '../../shared/contract';
import { endpointTitle } from '../connections/ConnectionTabs';
import { useT } from '../i18n/i18n';
import { MenuButton } from '../log/MenuButton';
import type { LogModel } from '../log/use-log-model';
import {
  addNotice,
  rulesDraftOf,
  setActive,
  setAutomationUi,
  setRulesDraft,
  useWorkbench,
} from '../store/store';
import { readConversation, rulesFrom } from './conversation';

/**
 * "Make rules from selection": the selected request and response rows (or,
 * with one row selected, that peer's conversation in the view), read from
 * the main process (conversation.ts), become
 * auto-reply rules (inferRules) in the rule list of the connection chosen
 * here, this one first, where the person reviews and edits them. A fake
 * device is stood up by recording on a client and choosing a server.
 */
export function MakeRulesMenu({ endpointId, model }: { endpointId: string; model: LogModel }) {
  const { t } = useT();
  const api = useApi();
  const endpoints = useWorkbench((s) => s.endpoints);
  const order = useWorkbench((s) => s.order);
  const targets = [endpointId, ...order.filter((id) => id !== endpointId)]
    .flatMap((id) => endpoints[id] ?? [])
    .filter((e) => e.spec.kind !== 'relay');
  const hasSelection = model.ui.selected !== null;

  const make = async (targetId: string): Promise<void> => {
    // The selected rows' bytes are in the main process: read them (bounded) first.
    const conversation = await readConversation(api, model);
    const result = rulesFrom(conversation);
    if (result.rules.length === 0) {
      addNotice({ level: 'warning', endpointId, message: msg('automation.rules-made-none', {}) });
      return;
    }
    const draft = rulesDraftOf(useWorkbench.getState(), targetId);
    const touched = targetId in useWorkbench.getState().ruleDrafts;
    // A connection holds at most MAX_RULES: the most specific come first, and are kept.
    const room = Math.max(0, MAX_RULES - draft.rules.length);
    const made = result.rules.slice(0, room);
    if (made.length < result.rules.length)
      addNotice({
        level: 'warning',
        endpointId: targetId,
        message: msg('automation.rules-too-many', {
          count: result.rules.length - made.length,
          max: MAX_RULES,
        }),
      });
    setRulesDraft(targetId, {
      enabled: touched ? draft.enabled : true,
      rules: [...draft.rules, ...made],
    });
    setAutomationUi(targetId, { open: true, tab: 'auto-reply' });
    setActive(targetId);
    addNotice({
      level: 'info',
      endpointId: targetId,
      message: msg('automation.rules-made', { count: made.length, pairs: result.pairs }),
    });
  };

  return (
    <MenuButton label={t('rules.fromSelection')} disabled={!hasSelection}>
      {(close) => (
        <TargetMenu
          label={t('rules.fromSelection')}
          items={targets.map((e) => ({
            id: e.id,
            label: t('rules.into', { name: endpointTitle(e) }),
          }))}
          onChoose={(id) => {
            close();
            void make(id);
          }}
          onClose={close}
        />
      )}
    </MenuButton>
  );
}

function TargetMenu({
  label,
  items,
  onChoose,
  onClose,
}: {
  label: string;
  items: Array<{ id: string; label: string }>;
  onChoose(id: string): void;
  onClose(): void;
}) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div
      role="menu"
      className="menu menu-right"
      aria-label={label}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      {items.map((item, i) => (
        <button
          key={item.id}
          ref={i === 0 ? first : undefined}
          type="button"
          role="menuitem"
          onClick={() => onChoose(item.id)}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
