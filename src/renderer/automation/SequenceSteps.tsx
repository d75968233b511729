import { useMemo } from 'react';
import { flattenStatements, type Statement } from '../../shared/automation/script-ast';
import { parseScript } from '../../shared/automation/script-parser';
import type { SequenceStatus } from '../../shared/contract';
import { describe } from '../i18n/describe';
import { formatCount, useT } from '../i18n/i18n';

/** Past this many, the list shows the first ones and the step that matters. */
const SHOWN_STEPS = 200;

/** The run's steps, numbered as main numbers them, each with its line's text. */
function useSteps(script: string): Array<{ statement: Statement; text: string }> {
  return useMemo(() => {
    const lines = script.split(/\r\n|\r|\n/);
    return flattenStatements(parseScript(script).statements).map((statement) => ({
      statement,
      text: (lines[statement.span.line - 1] ?? '').trim(),
    }));
  }, [script]);
}

/** "Passed", or "Failed" with the step, its line and why, as a sentence a screen reader hears. */
export function SequenceOutcome({ status, script }: { status: SequenceStatus; script: string }) {
  const { t } = useT();
  const steps = useSteps(script);
  const failure = status.failure;
  return (
    <p className={`sequence-outcome outcome-${status.state}`} role="status">
      {status.state === 'running' && t('seq.running')}
      {status.state === 'passed' && <strong>{t('seq.passed')}</strong>}
      {status.state === 'failed' && (
        <>
          <strong>{t('seq.failed')}</strong>{' '}
          {failure &&
            t('seq.failedAt', {
              step: failure.step + 1,
              line: steps[failure.step]?.statement.span.line ?? '?',
              reason: describe(failure.message),
            })}
        </>
      )}
    </p>
  );
}

/** Each step's state, live: pending, running, passed, failed. */
export function SequenceSteps({ status, script }: { status: SequenceStatus; script: string }) {
  const { t } = useT();
  const steps = useSteps(script);
  const focus = status.steps.findIndex((s) => s === 'running' || s === 'failed');
  const shown = steps
    .map((s, i) => ({ ...s, i }))
    .filter(({ i }) => i < SHOWN_STEPS || i === focus);
  return (
    <ol className="sequence-steps" aria-label={t('seq.steps')}>
      {shown.map(({ statement, text, i }) => {
        const state = status.steps[i] ?? 'pending';
        return (
          <li key={i} className={`step step-${state}`}>
            <span className={`step-state state-${state}`}>{t(`seq.state.${state}`)}</span>
            <span className="mono">
              {t('seq.step', { step: i + 1, line: statement.span.line, text })}
            </span>
          </li>
        );
      })}
      {steps.length > shown.length && (
        <li className="muted">
          {t('seq.moreSteps', { count: formatCount(steps.length - shown.length) })}
        </li>
      )}
    </ol>
  );
}
