import { useId } from 'react';
import {
  MATCH_AS,
  MAX_REPLY_DELAY_MS,
  type AutoReplyRule,
} from '../../shared/automation/rule-spec';
import type { RuleProblem } from '../../shared/contract';
import { convertSource } from '../../shared/payload/convert';
import type { PayloadMode } from '../../shared/payload/payload-spec';
import { PayloadOptions } from '../editor/PayloadOptions';
import { describe } from '../i18n/describe';
import { formatCount, useT } from '../i18n/i18n';
import { CheckField } from '../ui/CheckField';
import { InlineInput, SelectField } from '../ui/Field';
import { replyIssue } from './rule-draft';

/**
 * One auto-reply rule: Enabled, Match as, Match (and regex flags), Reply in
 * the payload editor's syntax with its options (text or hex, encoding,
 * escapes, line ending, checksum), delay and "reply once", its hits, and
 * why it cannot run, in place.
 */
export function RuleRow({
  rule,
  index,
  count,
  hits,
  problem,
  onChange,
  onMove,
  onRemove,
}: {
  rule: AutoReplyRule;
  index: number;
  count: number;
  hits: number | null;
  problem: RuleProblem | null;
  onChange(rule: AutoReplyRule): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  const { t } = useT();
  const id = useId();
  const n = index + 1;
  const set = (patch: Partial<AutoReplyRule>) => onChange({ ...rule, ...patch });
  const issue = replyIssue(rule);
  const matchError = problem ? describe(problem.message) : null;
  const matchHint = rule.matchAs === 'any' ? '' : t(`rules.placeholder.${rule.matchAs}`);
  const switchMode = (mode: PayloadMode): void => {
    const converted = convertSource(rule.reply.source, rule.reply, mode);
    const source = converted.ok ? converted.source : '';
    const escapes = converted.ok ? converted.escapes : rule.reply.escapes;
    set({ reply: { ...rule.reply, mode, source, escapes } });
  };

  return (
    <li className="rule" aria-label={t('rules.rule', { n })}>
      <div className="rule-head">
        <span className="rule-number" aria-hidden="true">
          {n}
        </span>
        <CheckField
          label={t('rules.enabled')}
          checked={rule.enabled}
          onChange={(enabled) => set({ enabled })}
        />
        <SelectField
          inline
          label={t('rules.matchAs')}
          value={rule.matchAs}
          choices={MATCH_AS}
          say={(m) => t(`rules.as.${m}`)}
          onChange={(matchAs) => set({ matchAs })}
        />
        {rule.matchAs !== 'any' && (
          <InlineInput
            label={t('rules.match')}
            fieldClassName="rule-match"
            className="mono"
            value={rule.match}
            maxLength={64 * 1024}
            spellCheck={false}
            placeholder={matchHint}
            aria-invalid={Boolean(matchError)}
            aria-describedby={matchError ? `${id}-match` : undefined}
            onChange={(e) => set({ match: e.target.value })}
          />
        )}
        {rule.matchAs === 'regex' && (
          <InlineInput
            label={t('rules.flags')}
            className="mono rule-flags"
            value={rule.flags}
            maxLength={3}
            onChange={(e) => set({ flags: e.target.value.replace(/[^ims]/g, '') })}
          />
        )}
        <span className="spacer" />
        {hits !== null && (
          <span className="rule-hits">{t('rules.hits', { count: formatCount(hits) })}</span>
        )}
        <button
          type="button"
          aria-label={t('rules.up', { n })}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          aria-label={t('rules.down', { n })}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          ↓
        </button>
        <button type="button" aria-label={t('rules.remove', { n })} onClick={onRemove}>
          ✕
        </button>
      </div>
      {matchError && (
        <span id={`${id}-match`} className="field-error" role="alert">
          {matchError}
        </span>
      )}
      <div className="rule-reply">
        <label htmlFor={`${id}-reply-input`}>{t('rules.reply')}</label>
        <textarea
          id={`${id}-reply-input`}
          className="mono"
          rows={1}
          value={rule.reply.source}
          spellCheck={false}
          placeholder={t('rules.placeholder.reply')}
          aria-invalid={Boolean(issue)}
          aria-describedby={issue ? `${id}-reply` : undefined}
          onChange={(e) => set({ reply: { ...rule.reply, source: e.target.value } })}
        />
      </div>
      {issue && (
        <span id={`${id}-reply`} className="field-error">
          {describe(issue.message)}
        </span>
      )}
      <details className="rule-options">
        <summary>{t('rules.replyOptions')}</summary>
        <PayloadOptions
          spec={rule.reply}
          onMode={switchMode}
          onChange={(reply) => set({ reply })}
          checksumProblem={null}
        />
        <div className="auto-row">
          <InlineInput
            label={t('rules.delay')}
            type="number"
            min={0}
            max={MAX_REPLY_DELAY_MS}
            className="range-input"
            value={rule.delayMs}
            onChange={(e) =>
              set({
                delayMs: Math.min(
                  MAX_REPLY_DELAY_MS,
                  Math.max(0, Math.floor(Number(e.target.value) || 0)),
                ),
              })
            }
          />
          <CheckField
            label={t('rules.once')}
            checked={rule.once}
            onChange={(once) => set({ once })}
          />
        </div>
      </details>
    </li>
  );
}
