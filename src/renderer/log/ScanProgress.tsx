import { useEffect, useState } from 'react';
import { formatCount, useT } from '../i18n/i18n';
import type { ScanState } from '../store/store';
import type { LogModel } from './use-log-model';

/** A scan that ends sooner than this shows no progress bar (it would only flicker). */
export const PROGRESS_AFTER_MS = 200;

/** The running scan to show: the filter (the rows wait for it), else the search. */
function runningScan(model: LogModel): { scan: ScanState; kind: 'filter' | 'search' } | null {
  const { filter, search } = model.scans;
  if (filter?.status.state === 'running') return { scan: filter, kind: 'filter' };
  if (search?.status.state === 'running') return { scan: search, kind: 'search' };
  return null;
}

/**
 * Progress of the filter or search main runs, once it has taken longer
 * than PROGRESS_AFTER_MS, with Cancel; and a word when one was stopped
 * (what it found so far stays shown).
 */
export function ScanProgress({ model }: { model: LogModel }) {
  const { t } = useT();
  const running = runningScan(model);
  const startedAt = running?.scan.startedAt ?? null;
  const [late, setLate] = useState<number | null>(null);
  useEffect(() => {
    if (startedAt === null) return;
    const wait = startedAt + PROGRESS_AFTER_MS - performance.now();
    const timer = setTimeout(() => setLate(startedAt), Math.max(0, wait));
    return () => clearTimeout(timer);
  }, [startedAt]);
  const stopped = [model.scans.filter, model.scans.search].some(
    (s) => s?.status.state === 'cancelled',
  );

  if (running && late === startedAt) {
    const { status } = running.scan;
    const percent =
      status.total > 0 ? Math.min(100, Math.floor((status.done / status.total) * 100)) : 0;
    const label = t(running.kind === 'filter' ? 'filter.filtering' : 'filter.searching', {
      percent,
    });
    return (
      <span className="scan-progress">
        <span
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="scan-bar"
        >
          <span className="scan-fill" style={{ width: `${percent}%` }} />
        </span>
        <span className="muted">
          {label} {t('filter.foundSoFar', { n: formatCount(status.found) })}
        </span>
        <button type="button" onClick={() => void model.runner.cancel()}>
          {t('filter.cancel')}
        </button>
      </span>
    );
  }
  return stopped ? <span className="warning-text">{t('filter.cancelled')}</span> : null;
}
