import type { AutoReplyRule } from '../../shared/automation/rule-spec';
import type { EndpointInfo } from '../../shared/contract';
import { describe } from '../i18n/describe';
import { useT } from '../i18n/i18n';
import { logUiOf, rulesDraftOf, setRulesDraft, useWorkbench } from '../store/store';
import { CheckField } from '../ui/CheckField';
import { matchProblem, moveRule, newRule } from './rule-draft';
import { RuleRow } from './RuleRow';

/**
 * Auto-reply: the connection's ordered rule list; the first enabled rule
 * that matches an incoming message answers it, in the main process. A
 * message is what the log's framing cuts, text in the log's encoding, so
 * the rules see what the person sees. Every edit is applied (rule-sync.ts;
 * hits are kept per rule); hits and problems come back as status events.
 */
export function AutoReplyPanel({ endpoint }: { endpoint: EndpointInfo }) {
  const { t } = useT();
  const endpointId = endpoint.id;
  const touched = useWorkbench((s) => endpointId in s.ruleDrafts);
  const draft = useWorkbench((s) => rulesDraftOf(s, endpointId));
  const status = useWorkbench((s) => s.autoReplyStatus[endpointId]);
  const framing = useWorkbench((s) => logUiOf(s, endpointId).framing);
  const encoding = useWorkbench((s) => logUiOf(s, endpointId).encoding);
  const applied = useWorkbench((s) => s.rulesApplied[endpointId]);

  const update = (rules: AutoReplyRule[], enabled = draft.enabled) =>
    setRulesDraft(endpointId, { enabled, rules });
  // Main turned auto-reply off (a reply loop): the checkbox follows, and says why.
  const on = draft.enabled && status?.stopReason == null;

  return (
    <section className="auto-panel auto-reply" aria-label={t('auto.autoReply')}>
      <div className="auto-row">
        <CheckField
          label={t('rules.on')}
          checked={touched ? on : false}
          onChange={(enabled) => update(draft.rules, enabled)}
        />
        <button
          type="button"
          onClick={() => update([...draft.rules, newRule()], touched ? draft.enabled : true)}
        >
          {t('rules.add')}
        </button>
        <span className="muted">
          {t('rules.framing', { framing: t(`framing.${framing.mode}`), encoding })}
        </span>
        <span className="spacer" />
        {applied && (
          <span className={applied === 'failed' ? 'field-error' : 'muted'} role="status">
            {t(`rules.${applied}`)}
          </span>
        )}
      </div>
      {status?.stopReason && (
        <p className="field-error" role="alert">
          {describe(status.stopReason)}
        </p>
      )}
      {draft.rules.length === 0 ? (
        <p className="muted">{t('rules.empty')}</p>
      ) : (
        <ol className="rule-list" aria-label={t('rules.list')}>
          {draft.rules.map((rule, i) => (
            <RuleRow
              key={rule.id}
              rule={rule}
              index={i}
              count={draft.rules.length}
              hits={status?.rules.find((r) => r.ruleId === rule.id)?.hits ?? null}
              problem={matchProblem(rule, encoding, status)}
              onChange={(next) => update(draft.rules.map((r) => (r.id === rule.id ? next : r)))}
              onMove={(by) => update(moveRule(draft.rules, i, by))}
              onRemove={() => update(draft.rules.filter((r) => r.id !== rule.id))}
            />
          ))}
        </ol>
      )}
      {status?.lastProblem && (
        <p className="field-error">
          {status.lastProblem.ruleId === null
            ? describe(status.lastProblem.message)
            : t('rules.lastProblem', {
                rule: String(draft.rules.findIndex((r) => r.id === status.lastProblem?.ruleId) + 1),
                message: describe(status.lastProblem.message),
              })}
        </p>
      )}
    </section>
  );
}
