import type { EndpointInfo } from '../../shared/contract';
import { formatHostPort } from '../../shared/net/address';
import { useApi } from '../api/api-context';
import { formatTime } from '../i18n/format-time';
import { formatCount, useT } from '../i18n/i18n';
import { report } from '../store/report';

/** A listener's peers: who, since when, how much; pick one to send to, or disconnect it. */
export function PeerList({
  endpoint,
  target,
  onTarget,
}: {
  endpoint: EndpointInfo;
  target: string;
  onTarget: (peerId: string) => void;
}) {
  const { t } = useT();
  const api = useApi();
  const disconnect = async (peerId: string): Promise<void> => {
    await report(api.disconnectPeer({ endpointId: endpoint.id, peerId }), endpoint.id);
  };

  return (
    <section className="peers" aria-label={t('peers')}>
      <div className="peers-head">
        <h3>
          {t('peers')} ({endpoint.peers.length})
        </h3>
        <label className="inline-field">
          {t('sendTo')}
          <select value={target} onChange={(e) => onTarget(e.target.value)}>
            <option value="all">{t('allPeers')}</option>
            {endpoint.peers.map((p) => (
              <option key={p.id} value={p.id}>
                {formatHostPort(p.address, p.port)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {endpoint.peers.length === 0 ? (
        <p className="muted">{t('noPeers')}</p>
      ) : (
        <table className="peer-table">
          <thead>
            <tr>
              <th>{t('peerAddress')}</th>
              <th>{t('peerSince')}</th>
              <th>{t('bytesIn')}</th>
              <th>{t('bytesOut')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {endpoint.peers.map((p) => {
              const name = formatHostPort(p.address, p.port);
              return (
                <tr key={p.id} className={`peer-${p.state}`}>
                  <td>
                    <code>{name}</code>
                    {p.state === 'half-closed' && <span className="tag"> FIN</span>}
                  </td>
                  <td>{formatTime(p.since)}</td>
                  <td className="num">{formatCount(p.counters.rxBytes)}</td>
                  <td className="num">{formatCount(p.counters.txBytes)}</td>
                  <td>
                    <button
                      type="button"
                      aria-label={`${t('disconnect')} ${name}`}
                      onClick={() => disconnect(p.id)}
                    >
                      {t('disconnect')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
