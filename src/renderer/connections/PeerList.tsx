import type { EndpointInfo } from '../../shared/contract';
import { useApi } from '../api/api-context';
import { formatTime } from '../i18n/format-time';
import { formatCount, useT } from '../i18n/i18n';
import { report } from '../store/report';
import { usePeerName } from '../store/selectors';
import { peersOf, useWorkbench } from '../store/store';
import { PeerPicker } from './PeerPicker';
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
  const peers = useWorkbench((s) => peersOf(s, endpoint.id));
  const nameOf = usePeerName();
  const disconnect = async (peerId: string): Promise<void> => {
    await report(api.disconnectPeer({ endpointId: endpoint.id, peerId }), endpoint.id);
  };

  return (
    <PeerTable
      title={t('peers')}
      className="peers"
      aside={
        <PeerPicker
          label={t('sendTo')}
          peers={peers}
          value={target}
          onChange={onTarget}
          allLabel={t('allPeers')}
          nameOf={nameOf}
        />
      }
      empty={t('noPeers')}
      headings={[
        { text: t('peerAddress') },
        { text: t('peerSince') },
        { text: t('bytesIn'), num: true },
        { text: t('bytesOut'), num: true },
      ]}
      columns="minmax(12em, 2fr) minmax(8em, 1fr) minmax(6em, 1fr) minmax(6em, 1fr) auto"
      peers={peers}
      rowClass={(p) => `peer-${p.state}`}
      cells={(p, name) => [
        <>
          <code>{name}</code>
          {p.state === 'half-closed' && <span className="tag"> FIN</span>}
        </>,
        formatTime(p.since),
        formatCount(p.counters.rxBytes),
        formatCount(p.counters.txBytes),
        <button
          key="disconnect"
          type="button"
          aria-label={`${t('disconnect')} ${name}`}
          onClick={() => disconnect(p.id)}
        >
          {t('disconnect')}
        </button>,
      ]}
    />
  );
}
