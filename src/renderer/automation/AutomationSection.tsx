import { useId } from 'react';
import { useT } from '../i18n/i18n';
import { automationUiOf, setAutomationUi, useWorkbench, type AutomationTab } from '../store/store';
import { AutoReplyPanel } from './AutoReplyPanel';
import { PeriodicPanel } from './PeriodicPanel';
import { SequencePanel } from './SequencePanel';
import type { AutomationPanelProps } from './send-target';
import './automation.css';

const TABS: Array<{
  id: AutomationTab;
  label: 'auto.periodic' | 'auto.autoReply' | 'auto.sequence';
}> = [
  { id: 'periodic', label: 'auto.periodic' },
  { id: 'auto-reply', label: 'auto.autoReply' },
  { id: 'sequence', label: 'auto.sequence' },
];

/** The id of a connection's automation panels, for the toggle's aria-controls. */
const panelsId = (endpointId: string): string => `automation-${endpointId}`;

/**
 * The "Automation" toggle, in the send box's action row so a folded
 * section costs no height: it says what runs (a periodic send, rules
 * answering, a sequence), so folding never hides a running send.
 */
export function AutomationToggle({ endpointId }: { endpointId: string }) {
  const { t } = useT();
  const ui = useWorkbench((s) => automationUiOf(s, endpointId));
  const periodic = useWorkbench((s) => s.periodicStatus[endpointId]);
  const rules = useWorkbench((s) => s.autoReplyStatus[endpointId]);
  const sequence = useWorkbench((s) => s.sequenceStatus[endpointId]);

  const badges: string[] = [];
  if (periodic?.state === 'running')
    badges.push(t('auto.badge.periodic', { interval: periodic.intervalMs }));
  const answering = rules?.enabled ? rules.rules.filter((r) => r.problem === null).length : 0;
  if (answering > 0) badges.push(t('auto.badge.rules', { count: answering }));
  if (sequence?.state === 'running') badges.push(t('auto.badge.sequence'));

  return (
    <span className="automation-toggle">
      <button
        type="button"
        aria-expanded={ui.open}
        aria-controls={ui.open ? panelsId(endpointId) : undefined}
        onClick={() => setAutomationUi(endpointId, { open: !ui.open })}
      >
        {ui.open ? '▾' : '▸'} {t('auto.section')}
      </button>
      {badges.map((b) => (
        <span key={b} className="auto-badge">
          {b}
        </span>
      ))}
    </span>
  );
}

/**
 * A connection's automation when unfolded: Periodic send, Auto-reply and
 * Sequence, one shown at a time (toggle buttons rather than tabs: the
 * connection itself is a tab panel already). Only the chosen panel is in
 * the page.
 */
export function AutomationSection({ endpoint, target }: AutomationPanelProps) {
  const { t } = useT();
  const headingId = useId();
  const endpointId = endpoint.id;
  const ui = useWorkbench((s) => automationUiOf(s, endpointId));
  if (!ui.open) return null;
  return (
    <section
      className="automation boxed-column"
      id={panelsId(endpointId)}
      aria-labelledby={headingId}
    >
      <div className="auto-row">
        <strong id={headingId}>{t('auto.section')}</strong>
        <div role="group" aria-label={t('auto.section')} className="auto-tabs">
          {TABS.map((tab) => (
            <button
              key={tab.id}
              type="button"
              aria-pressed={ui.tab === tab.id}
              onClick={() => setAutomationUi(endpointId, { tab: tab.id })}
            >
              {t(tab.label)}
            </button>
          ))}
        </div>
      </div>
      {ui.tab === 'periodic' && <PeriodicPanel endpoint={endpoint} target={target} />}
      {ui.tab === 'auto-reply' && <AutoReplyPanel endpoint={endpoint} />}
      {ui.tab === 'sequence' && <SequencePanel endpoint={endpoint} target={target} />}
    </section>
  );
}
