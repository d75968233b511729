import type { EndpointInfo } from '../../../shared/contract';
import { unmapIPv4 } from '../../../shared/net/address';
import { useApi } from '../../api/api-context';
import { formatCount, useT } from '../../i18n/i18n';
import { report } from '../../store/report';
import { setUdpDestination } from '../../store/store';
import { PeerTable } from '../PeerTable';

/** Everyone this socket exchanged datagrams with, with counts; one click makes a peer the destination. */
export function UdpPeerList({ endpoint }: { endpoint: EndpointInfo }) {
  const { t } = useT();
  const api = useApi();
  const forget = async (peerId: string): Promise<void> => {
    await report(api.disconnectPeer({ endpointId: endpoint.id, peerId }), endpoint.id);
  };
  const forgotten = endpoint.udp?.forgottenPeers ?? 0;

  return (
    <PeerTable
      title={t('udp.peers')}
      className="peers udp-peers"
      aside={
        forgotten > 0 && (
          <span className="warning-text">
            {t('udp.forgotten', { count: formatCount(forgotten) })}
          </span>
        )
      }
      empty={t('udp.noPeers')}
      headings={[
        { text: t('peerAddress') },
        { text: t('udp.datagramsIn'), num: true },
        { text: t('bytesIn'), num: true },
        { text: t('udp.datagramsOut'), num: true },
        { text: t('bytesOut'), num: true },
      ]}
      peers={endpoint.peers}
      cells={(p, name) => (
        <>
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
        </>
      )}
    />
  );
}
