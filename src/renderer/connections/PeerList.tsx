import type { EndpointInfo } from '../../shared/contract';
import { formatHostPort } from '../../shared/net/address';
import { useApi } from '../api/api-context';
import { formatTime } from '../i18n/format-time';
import { formatCount, useT } from '../i18n/i18n';
import { report } from '../store/report';
import { PeerTable } from './PeerTable';

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
    <PeerTable
      title={t('peers')}
      className="peers"
      aside={
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
      }
      empty={t('noPeers')}
      headings={[
        { text: t('peerAddress') },
        { text: t('peerSince') },
        { text: t('bytesIn') },
        { text: t('bytesOut') },
      ]}
      peers={endpoint.peers}
      rowClass={(p) => `peer-${p.state}`}
      cells={(p, name) => (
        <>
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
        </>
      )}
    />
  );
}
