import type { EndpointInfo } from '../../shared/contract';
import { formatCount, useT } from '../i18n/i18n';

/** Exact totals from the main process, whatever the view shows. */
export function Counters({ endpoint }: { endpoint: EndpointInfo }) {
  const { t } = useT();
  const items = [
    ['rxBytes', endpoint.counters.rxBytes],
    ['txBytes', endpoint.counters.txBytes],
    ['rxChunks', endpoint.counters.rxChunks],
    ['txChunks', endpoint.counters.txChunks],
  ] as const;
  const refused = endpoint.refused ?? 0;
  const drops = endpoint.udp ? endpoint.udp.kernelDrops : undefined;
  return (
    <dl className="counters">
      {items.map(([key, value]) => (
        <div key={key} className={`counter counter-${key.slice(0, 2)}`}>
          <dt id={`${endpoint.id}-${key}`}>{t(key)}</dt>
          <dd aria-labelledby={`${endpoint.id}-${key}`}>{formatCount(value)}</dd>
        </div>
      ))}
      {refused > 0 && (
        // Only once it happened: a listener that never ran short has nothing to say here.
        <div className="counter counter-refused" title={t('tcp.refusedHint')}>
          <dt id={`${endpoint.id}-refused`}>{t('tcp.refused')}</dt>
          <dd aria-labelledby={`${endpoint.id}-refused`}>{formatCount(refused)}</dd>
        </div>
      )}
      {drops !== undefined && (
        // Beside RX: what never reached Wirebench because the socket's buffer was full.
        <div
          className={`counter counter-kernel-drops${drops ? ' counter-warn' : ''}`}
          title={
            drops === null
              ? t('udp.kernelDropsUnknownHint')
              : t('udp.kernelDropped', { count: formatCount(drops) })
          }
        >
          <dt id={`${endpoint.id}-kernel-drops`}>{t('udp.kernelDrops')}</dt>
          <dd aria-labelledby={`${endpoint.id}-kernel-drops`}>
            {drops === null ? t('udp.kernelDropsUnknown') : formatCount(drops)}
          </dd>
        </div>
      )}
    </dl>
  );
}
