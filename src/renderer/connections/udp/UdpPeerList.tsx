import type { EndpointInfo } from '../../../shared/contract';
import { unmapIPv4 } from '../../../shared/net/address';
import { useApi } from '../../api/api-context';
import { formatCount, useT } from '../../i18n/i18n';
import { report } from '../../store/report';
import { peersOf, setUdpDestination, useWorkbench } from '../../store/store';
import { PeerTable } from '../PeerTable';

/** Everyone this socket exchanged datagrams with, with counts; one click makes a peer the destination. */
export function UdpPeerList({ endpoint }: { endpoint: EndpointInfo }) {
  const { t } = useT();
  const api = useApi();
  const peers = useWorkbench((s) => peersOf(s, endpoint.id));
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
      columns="minmax(12em, 2fr) repeat(4, minmax(6em, 1fr)) auto"
      peers={peers}
      cells={(p, name) => [
        <code key="name">{name}</code>,
        formatCount(p.counters.rxChunks),
        formatCount(p.counters.rxBytes),
        formatCount(p.counters.txChunks),
        formatCount(p.counters.txBytes),
        <span key="actions" className="udp-peer-actions">
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
        </span>,
      ]}
    />
  );
}
