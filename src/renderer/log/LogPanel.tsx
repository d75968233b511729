import { useLayoutEffect, useRef } from 'react';
import type { EndpointInfo } from '../../shared/contract';
import { asciiPreview, hexPreview } from '../../shared/bytes/hexdump';
import { formatTime } from '../app/format';
import { formatBytes, formatCount, useT } from '../i18n/i18n';
import { useWorkbench } from '../store/store';

/** Rows rendered at once; the full history stays in the store and the capture log. */
const RENDERED_ROWS = 1000;
const PREVIEW_BYTES = 48;

/**
 * The live log: one row per chunk, newest at the bottom. It follows new rows
 * until the user scrolls up, and follows again once they scroll back down.
 */
export function LogPanel({ endpoint }: { endpoint: EndpointInfo }) {
  const { t } = useT();
  const log = useWorkbench((s) => s.logs[endpoint.id]);
  const peerNames = useWorkbench((s) => s.peerNames);
  const budget = useWorkbench((s) => s.appInfo?.logBudgetBytes ?? null);
  const scroller = useRef<HTMLDivElement>(null);
  const follow = useRef(true);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [log?.version]);

  const rows = log?.rows ?? [];
  const shown = rows.slice(-RENDERED_ROWS);
  const total = rows.length + (log?.trimmed ?? 0);

  return (
    <section className="log-panel" aria-label={t('log')}>
      <div className="log-status">
        {budget !== null && (
          <span className="muted">{t('logBudget', { budget: formatBytes(budget) })}</span>
        )}
        {log && log.evicted.chunks > 0 && (
          <span className="warning-text">
            {t('evicted', {
              chunks: formatCount(log.evicted.chunks),
              bytes: formatCount(log.evicted.bytes),
            })}
          </span>
        )}
        {log && log.skipped.chunks > 0 && (
          <span className="warning-text">
            {t('skipped', {
              chunks: formatCount(log.skipped.chunks),
              bytes: formatCount(log.skipped.bytes),
            })}
          </span>
        )}
        {total > shown.length && (
          <span className="muted">
            {t('showingNewest', { shown: formatCount(shown.length), total: formatCount(total) })}
          </span>
        )}
      </div>
      <div
        className="log-scroller"
        ref={scroller}
        role="log"
        aria-label={t('log')}
        aria-live="off"
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {shown.length === 0 ? (
          <p className="muted">{t('emptyLog')}</p>
        ) : (
          <table className="log-table">
            <thead>
              <tr>
                <th>{t('time')}</th>
                <th>{t('direction')}</th>
                <th>{t('peer')}</th>
                <th className="num">{t('length')}</th>
                <th>{t('bytes')}</th>
                <th>{t('ascii')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={c.seq} className={`row-${c.dir}`} data-seq={c.seq} data-time={c.time}>
                  <td className="mono">{formatTime(c.time)}</td>
                  <td className={`dir dir-${c.dir}`}>{c.dir.toUpperCase()}</td>
                  <td className="mono">{peerNames[c.peerId] ?? c.peerId}</td>
                  <td className="num">{c.data.byteLength}</td>
                  <td className="mono hex">{hexPreview(c.data, PREVIEW_BYTES)}</td>
                  <td className="mono ascii">{asciiPreview(c.data, PREVIEW_BYTES)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
