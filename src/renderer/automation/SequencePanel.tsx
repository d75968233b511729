import { lazy, Suspense, useMemo } from 'react';
import { parseScript } from '../../shared/automation/script-parser';
import type { SequenceItem } from '../../shared/contract/library';
import { useApi } from '../api/api-context';
import { describe } from '../i18n/describe';
import { useT } from '../i18n/i18n';
import { SelectField } from '../ui/Field';
import { libraryAction } from '../library/library-actions';
import {
  addNotice,
  logUiOf,
  sequenceDraftOf,
  setSequenceDraft,
  useWorkbench,
} from '../store/store';
import type { SequenceMarker } from './SequenceEditor';
import { SequenceOutcome, SequenceSteps } from './SequenceSteps';
import { RunButtons } from './RunButtons';
import type { AutomationPanelProps } from './send-target';

const SequenceEditor = lazy(() => import('./SequenceEditor'));

/**
 * Sequence: a script of sends, expects, waits and repeats, edited in Monaco
 * with a marker on every problem, run by the main process against this
 * connection (one peer of a server), each step's state live and the outcome
 * in words. Saved in the library next to the payloads.
 */
export function SequencePanel({ endpoint, target }: AutomationPanelProps) {
  const { t, locale } = useT();
  const api = useApi();
  const endpointId = endpoint.id;
  const draft = useWorkbench((s) => sequenceDraftOf(s, endpointId));
  const status = useWorkbench((s) => s.sequenceStatus[endpointId]);
  const encoding = useWorkbench((s) => logUiOf(s, endpointId).encoding);
  const items = useWorkbench((s) => s.libraryItems);
  const saved = useMemo(
    () => items.filter((i): i is SequenceItem => i.kind === 'sequence'),
    [items],
  );
  const set = (patch: Parameters<typeof setSequenceDraft>[1]) =>
    setSequenceDraft(endpointId, patch);

  const parsed = useMemo(() => parseScript(draft.source), [draft.source]);
  const markers = useMemo((): SequenceMarker[] => {
    const local = parsed.diagnostics.map((d) => ({ ...d, message: describe(d) }));
    // Main's verdict on this very text (a regex it will not run) joins the window's own.
    const remote = draft.ran === draft.source ? draft.problems : [];
    const extra = remote.filter(
      (p) => !local.some((l) => l.line === p.line && l.column === p.column),
    );
    return [...local, ...extra.map((p) => ({ ...p, message: describe(p.message) }))];
    // `locale`: the markers are said again in a newly chosen language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [parsed, draft.problems, draft.ran, draft.source, locale]);
  const errors = markers.filter((m) => m.severity === 'error').length;
  const running = status?.state === 'running';

  const run = async (): Promise<void> => {
    const source = useWorkbench.getState().sequenceDrafts[endpointId]?.source ?? '';
    const peerId = target.resolve().peerId;
    const r = await api.runSequence({
      endpointId,
      peerId: peerId === 'all' ? undefined : peerId,
      script: { source },
      encoding,
    });
    if (!r.ok) return addNotice({ level: 'error', endpointId, message: r.error.message });
    set({ ran: source, problems: r.value.problems });
  };

  const save = async (): Promise<void> => {
    const name = draft.name.trim() || t('seq.untitled');
    const same = saved.find((i) => i.id === draft.libraryItemId && i.name === name);
    const item = await libraryAction(
      api,
      api.saveSequence({ id: same?.id, name, script: draft.source }),
    );
    if (item) set({ libraryItemId: item.id, name: item.name });
  };

  const load = (id: string): void => {
    const item = saved.find((i) => i.id === id);
    if (item) set({ source: item.script, name: item.name, libraryItemId: item.id });
  };

  return (
    <section className="auto-panel sequence" aria-label={t('auto.sequence')}>
      <div className="auto-row">
        <SelectField
          inline
          label={t('seq.saved')}
          value=""
          choices={['', ...saved.map((i) => i.id)]}
          say={(id) =>
            saved.find((i) => i.id === id)?.name ?? (saved.length === 0 ? t('seq.none') : '—')
          }
          onChange={load}
          disabled={saved.length === 0}
        />
        <input
          aria-label={t('seq.name')}
          placeholder={t('seq.name')}
          value={draft.name}
          maxLength={200}
          onChange={(e) => set({ name: e.target.value })}
        />
        <button type="button" onClick={() => void save()} disabled={draft.source.trim() === ''}>
          {t('seq.save')}
        </button>
      </div>
      <Suspense fallback={<p className="muted">{t('seq.loadingEditor')}</p>}>
        <SequenceEditor
          value={draft.source}
          markers={markers}
          ariaLabel={t('seq.editor')}
          placeholder={t('seq.placeholder')}
          onChange={(source) => set({ source })}
          onRun={() => void run()}
        />
      </Suspense>
      <div className="auto-row">
        <RunButtons
          start={t('seq.run')}
          stop={t('seq.stop')}
          running={running}
          canStart={!running && errors === 0 && draft.source.trim() !== ''}
          onStart={() => void run()}
          onStop={() => void api.stopSequence({ endpointId })}
        />
        {errors > 0 && <span className="field-error">{t('seq.problems', { count: errors })}</span>}
        <span className="spacer" />
        {status && draft.ran !== null && <SequenceOutcome status={status} script={draft.ran} />}
      </div>
      {status && draft.ran !== null && <SequenceSteps status={status} script={draft.ran} />}
    </section>
  );
}
