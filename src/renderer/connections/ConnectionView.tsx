import { useState } from 'react';
import type { EndpointInfo } from '../../shared/contract';
import { formatHostPort } from '../../shared/net/address';
import { useApi } from '../api/api-context';
import { useStagedMount } from '../app/use-staged-mount';
import { AutomationSection, AutomationToggle } from '../automation/AutomationSection';
import type { SendTarget } from '../automation/send-target';
import { SendBox } from '../editor/SendBox';
import { describe } from '../i18n/describe';
import { useT } from '../i18n/i18n';
import { CaptureControls } from '../log/CaptureControls';
import { LogPanel } from '../log/LogPanel';
import { report } from '../store/report';
import { useWorkbench } from '../store/store';
import { CheckField } from '../ui/CheckField';
import { closeAndRemove } from './actions';
import { Counters } from './Counters';
import { PeerList } from './PeerList';
import { udpTarget } from './udp/udp-destination';
import { UdpPanel } from './udp/UdpPanel';
import { KindPanels } from './KindPanels';
import { ReconnectCountdown } from './ReconnectCountdown';

const LIVE = new Set(['listening', 'connecting', 'connected', 'half-closed', 'reconnecting']);

/** One connection's panel: state and controls, peers, the send box and the log. */
export function ConnectionView({ endpointId }: { endpointId: string }) {
  const { t } = useT();
  const api = useApi();
  const endpoint = useWorkbench((s) => s.endpoints[endpointId]);
  const [closePeers, setClosePeers] = useState(true);
  const [target, setTarget] = useState<string>('all');
  const [reopening, setReopening] = useState(false);
  // The bar and counters paint with the tab; the send box, then the log, each a task later.
  const shown = useStagedMount(2, endpoint !== undefined);
  if (!endpoint) return null;

  const isServer = ['tcp-server', 'tls-server', 'relay'].includes(endpoint.spec.kind);
  const live = LIVE.has(endpoint.state);
  const udp = endpoint.spec.kind === 'udp';
  const destination = udp
    ? () => udpTarget(endpointId, Boolean(endpoint.udp?.connected))
    : undefined;
  // Automation sends where Send does: the chosen peer of a server, UDP's destination.
  const automationTarget: SendTarget = {
    resolve: () => ({ peerId: isServer ? target : undefined, ...destination?.() }),
  };

  return (
    <section
      className="connection"
      role="tabpanel"
      id={`panel-${endpointId}`}
      aria-labelledby={`tab-${endpointId}`}
    >
      <div className="connection-bar">
        <span className={`state-badge state-${endpoint.state}`}>
          {t(`state.${endpoint.state}`)}
        </span>
        {endpoint.reconnect && (
          <ReconnectCountdown key={endpoint.reconnect.nextAt} wait={endpoint.reconnect} />
        )}
        <span className="connection-message">{endpoint.message && describe(endpoint.message)}</span>
        <LocalAddress endpoint={endpoint} label={t('localAddress')} />
        <ListenBacklog endpoint={endpoint} />
        <span className="spacer" />
        {isServer && endpoint.state === 'listening' && endpoint.peerCount > 0 && (
          <CheckField
            label={t('closeListenerPeers')}
            checked={closePeers}
            onChange={setClosePeers}
          />
        )}
        {live && (
          <button
            type="button"
            onClick={() => report(api.closeEndpoint({ endpointId, closePeers }), endpointId)}
          >
            {t('close')}
          </button>
        )}
        {!live && (
          <button
            type="button"
            className="primary"
            disabled={reopening}
            onClick={() => {
              // One Open at a time: a second click would only be refused.
              setReopening(true);
              void report(api.reopenEndpoint({ endpointId }), endpointId).finally(() =>
                setReopening(false),
              );
            }}
          >
            {reopening ? t('opening') : t('open')}
          </button>
        )}
        <button type="button" onClick={() => closeAndRemove(api, endpointId)} title="Ctrl+W">
          {t('remove')}
        </button>
      </div>
      <Counters endpoint={endpoint} />
      {isServer && <PeerList endpoint={endpoint} target={target} onTarget={setTarget} />}
      {endpoint.spec.kind === 'udp' && <UdpPanel endpoint={endpoint} />}
      <KindPanels endpoint={endpoint} />
      {shown >= 1 && (
        <>
          <SendBox
            endpoint={endpoint}
            peerId={isServer ? target : undefined}
            destination={destination}
            actions={endpoint.spec.kind !== 'relay' && <AutomationToggle endpointId={endpointId} />}
          />
          {endpoint.spec.kind !== 'relay' && (
            <AutomationSection endpoint={endpoint} target={automationTarget} />
          )}
        </>
      )}
      {shown >= 2 && (
        <>
          <CaptureControls endpointId={endpointId} />
          <LogPanel endpoint={endpoint} />
        </>
      )}
    </section>
  );
}

function LocalAddress({ endpoint, label }: { endpoint: EndpointInfo; label: string }) {
  if (!endpoint.local) return null;
  return (
    <span className="local-address">
      {label}: <code>{formatHostPort(endpoint.local.address, endpoint.local.port)}</code>
    </span>
  );
}

/** A listener's backlog, and the system's cap on it when that is lower (Linux: somaxconn). */
function ListenBacklog({ endpoint }: { endpoint: EndpointInfo }) {
  const { t } = useT();
  const listen = endpoint.listen;
  if (!listen || endpoint.state !== 'listening') return null;
  const max = listen.systemMax;
  const capped = max !== null && max < listen.backlog;
  return (
    <span
      className={`muted listen-backlog${capped ? ' warning-text' : ''}`}
      title={
        max === null ? t('tcp.backlogHintUnknown') : t('tcp.backlogHint', { max: String(max) })
      }
    >
      {max === null
        ? t('tcp.backlogShownUnknown', { backlog: String(listen.backlog) })
        : t(capped ? 'tcp.backlogCapped' : 'tcp.backlogShown', {
            backlog: String(listen.backlog),
            max: String(max),
          })}
    </span>
  );
}
