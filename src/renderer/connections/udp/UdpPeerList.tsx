import type { EndpointInfo } from '../../../shared/contract';
import { formatHostPort, unmapIPv4 } from '../../../shared/net/address';
import { useApi } from '../../api/api-context';
import { formatCount, useT } from '../../i18n/i18n';
import { report } from '../../store/report';
import { setUdpDestination } from '../../store/store';

/** Everyone this socket exchanged datagrams with, with counts; one click makes a peer the destination. */
export function UdpPeerList({ endpoint }: { endpoint: EndpointInfo }) {
  const { t } = useT();
  const api = useApi();
  const forget = async (peerId: string): Promise<void> => {
    await report(api.disconnectPeer({ endpointId: endpoint.id, peerId }), endpoint.id);
  };
  const forgotten = endpoint.udp?.forgottenPeers ?? 0;

  return (
    <section className="peers udp-peers" aria-label={t('udp.peers')}>
      <div className="peers-head">
        <h3>
          {t('udp.peers')} ({endpoint.peers.length})
        </h3>
        {forgotten > 0 && (
          <span className="warning-text">
            {t('udp.forgotten', { count: formatCount(forgotten) })}
          </span>
        )}
      </div>
      {endpoint.peers.length === 0 ? (
        <p className="muted">{t('udp.noPeers')}</p>
      ) : (
        <table className="peer-table">
          <thead>
            <tr>
              <th>{t('peerAddress')}</th>
              <th className="num">{t('udp.datagramsIn')}</th>
              <th className="num">{t('bytesIn')}</th>
              <th className="num">{t('udp.datagramsOut')}</th>
              <th className="num">{t('bytesOut')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {endpoint.peers.map((p) => {
              const name = formatHostPort(p.address, p.port);
              return (
                <tr key={p.id}>
                  <td>
                    <code>{name}</code>
                  </td>
                  <td className="num">{formatCount(p.counters.rxChunks)}</td>
                  <td className="num">{formatCount(p.counters.rxBytes)}</td>
                  <td className="num">{formatCount(p.counters.txChunks)}</td>
                  <td className="num">{formatCount(p.counters.txBytes)}</td>
                  <td className="udp-peer-actions">
                    {!endpoint.udp?.connected && (
                      <button
                        type="button"
                        aria-label={`${t('udp.sendHere')} ${name}`}
                        onClick={() =>
                          setUdpDestination(endpoint.id, {
                            host: unmapIPv4(p.address),
                            port: String(p.port),
                            replyToLast: false,
                          })
                        }
                      >
                        {t('udp.sendHere')}
                      </button>
                    )}
                    <button
                      type="button"
                      aria-label={`${t('udp.forget')} ${name}`}
                      onClick={() => forget(p.id)}
                    >
                      {t('udp.forget')}
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
