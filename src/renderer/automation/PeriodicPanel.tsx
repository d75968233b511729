import { msg } from '../../shared/messages/catalogue';
import { useMemo, useState } from 'react';
import { MAX_PERIODIC_INTERVAL_MS } from '../../shared/contract/ops/automation-ops';
import { useApi } from '../api/api-context';
import { SelectField, NumberField } from '../ui/Field';
import { describe } from '../i18n/describe';
import { formatTime } from '../i18n/format-time';
import { formatCount, useT } from '../i18n/i18n';
import {
  addNotice,
  draftOf,
  payloadItemsOf,
  periodicDraftOf,
  setPeriodicDraft,
  useWorkbench,
} from '../store/store';
import { RunButtons } from './RunButtons';
import type { AutomationPanelProps } from './send-target';

/** A whole number in [min, max] typed in a field, or null. */
function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d{1,10}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : null;
}

/**
 * Periodic send: the editor's payload or a saved one, every "Interval (ms)",
 * "Count" times or until stopped. It runs in the main process on its
 * monotonic clock, so a hidden or busy window changes nothing; this panel
 * shows sends done, the next due time, and why it stopped.
 */
export function PeriodicPanel({ endpoint, target }: AutomationPanelProps) {
  const { t } = useT();
  const api = useApi();
  const endpointId = endpoint.id;
  const draft = useWorkbench((s) => periodicDraftOf(s, endpointId));
  const status = useWorkbench((s) => s.periodicStatus[endpointId]);
  const all = useWorkbench((s) => s.libraryItems);
  const saved = useMemo(() => payloadItemsOf(all), [all]);
  const [touched, setTouched] = useState(false);
  const set = (patch: Parameters<typeof setPeriodicDraft>[1]) =>
    setPeriodicDraft(endpointId, patch);

  const interval = wholeNumber(draft.interval, 1, MAX_PERIODIC_INTERVAL_MS);
  const count = draft.count.trim() === '' ? null : wholeNumber(draft.count, 1, 1_000_000_000);
  const intervalError = interval === null ? t('periodic.badInterval') : null;
  const countError = draft.count.trim() !== '' && count === null ? t('periodic.badCount') : null;
  const running = status?.state === 'running';

  const start = async (): Promise<void> => {
    setTouched(true);
    if (interval === null || countError) return;
    const where = target.resolve();
    if (where.problem) return addNotice({ level: 'error', endpointId, message: where.problem });
    let payload;
    if (draft.source === 'library') {
      if (!draft.libraryItemId)
        return addNotice({
          level: 'error',
          endpointId,
          message: msg('automation.periodic-no-item', {}),
        });
      payload = { libraryItemId: draft.libraryItemId };
    } else payload = { spec: draftOf(useWorkbench.getState(), endpointId) };
    const r = await api.startPeriodic({
      endpointId,
      peerId: where.peerId,
      to: where.to,
      payload,
      intervalMs: interval,
      count,
    });
    if (!r.ok) addNotice({ level: 'error', endpointId, message: r.error.message });
    else
      useWorkbench.setState((s) => ({
        periodicStatus: { ...s.periodicStatus, [endpointId]: r.value },
      }));
  };

  return (
    <section className="auto-panel periodic" aria-label={t('auto.periodic')}>
      <div className="auto-row">
        <div role="radiogroup" aria-label={t('periodic.what')} className="payload-modes">
          {(['editor', 'library'] as const).map((source) => (
            <label key={source} className="radio">
              <input
                type="radio"
                name={`periodic-source-${endpointId}`}
                checked={draft.source === source}
                onChange={() => set({ source })}
              />
              {t(source === 'editor' ? 'periodic.fromEditor' : 'periodic.fromLibrary')}
            </label>
          ))}
        </div>
        {draft.source === 'library' && (
          <SelectField
            inline
            label={t('periodic.libraryItem')}
            value={draft.libraryItemId ?? ''}
            choices={['', ...saved.map((i) => i.id)]}
            say={(id) => saved.find((i) => i.id === id)?.name ?? '—'}
            onChange={(id) => set({ libraryItemId: id || null })}
          />
        )}
      </div>
      <div className="auto-row">
        <NumberField
          label={t('periodic.interval')}
          value={draft.interval}
          error={touched ? intervalError : null}
          invalid={Boolean(intervalError)}
          onChange={(interval) => set({ interval })}
        />
        <NumberField
          label={t('periodic.count')}
          value={draft.count}
          placeholder={t('periodic.countHint')}
          error={countError}
          onChange={(count) => set({ count })}
        />
        <RunButtons
          start={t('periodic.start')}
          stop={t('periodic.stop')}
          running={running}
          onStart={() => void start()}
          onStop={() => void api.stopPeriodic({ endpointId })}
        />
      </div>
      <p className="auto-status" role="status">
        {!status
          ? t('periodic.idle')
          : status.state === 'running'
            ? [
                status.count === null
                  ? t('periodic.sent', { sent: formatCount(status.sent) })
                  : t('periodic.sentOf', {
                      sent: formatCount(status.sent),
                      count: formatCount(status.count),
                    }),
                status.nextDueAt === null
                  ? ''
                  : t('periodic.next', { time: formatTime(status.nextDueAt) }),
                status.skipped > 0
                  ? t('periodic.skipped', { count: formatCount(status.skipped) })
                  : '',
              ]
                .filter(Boolean)
                .join(' · ')
            : status.state === 'completed'
              ? t('periodic.completed', { sent: formatCount(status.sent) })
              : status.state === 'stopped'
                ? t('periodic.stopped', { sent: formatCount(status.sent) })
                : t('periodic.failed', {
                    sent: formatCount(status.sent),
                    reason: status.reason ? describe(status.reason) : '',
                  })}
      </p>
    </section>
  );
}
