import type { EndpointInfo } from '../../../shared/contract';
import { formatHostPort, hostProblem, portProblem } from '../../../shared/net/address';
import { useApi } from '../../api/api-context';
import { formatBytes, formatCount, useT } from '../../i18n/i18n';
import { report } from '../../store/report';
import { TextField, NumberField } from '../../ui/Field';
import { peersOf, setUdpDestination, useWorkbench } from '../../store/store';
import { CheckField } from '../../ui/CheckField';
import { useUdpDestination } from './udp-destination';
import { UdpMulticast } from './UdpMulticast';
import { UdpPeerList } from './UdpPeerList';
import './udp.css';

/**
 * A UDP connection's own controls: where Send goes (Remote host/port, or
 * the last sender), the broadcast permission, the peers seen, multicast.
 */
export function UdpPanel({ endpoint }: { endpoint: EndpointInfo }) {
  const { t } = useT();
  const api = useApi();
  const dest = useUdpDestination(endpoint.id);
  const udp = endpoint.udp;
  const peers = useWorkbench((s) => peersOf(s, endpoint.id));
  const lastSender = udp?.lastSenderId ? peers.rows.get(udp.lastSenderId) : undefined;
  const open = endpoint.state === 'listening' || endpoint.state === 'connected';

  const hostError = dest.replyToLast ? null : hostProblem(dest.host.trim());
  const portError = dest.replyToLast || dest.port === '' ? null : portProblem(dest.port, false);

  return (
    <section className="udp-panel" aria-label="UDP">
      {udp?.connected ? (
        <p className="udp-connected">
          {t('udp.connectedTo', {
            address: formatHostPort(udp.connected.address, udp.connected.port),
          })}
        </p>
      ) : (
        <div className="udp-destination">
          <TextField
            label={t('udp.remoteHost')}
            error={hostError}
            value={dest.host}
            disabled={dest.replyToLast}
            spellCheck={false}
            onChange={(v) => setUdpDestination(endpoint.id, { host: v })}
          />
          <NumberField
            label={t('udp.remotePort')}
            error={portError}
            value={dest.port}
            disabled={dest.replyToLast}
            onChange={(v) => setUdpDestination(endpoint.id, { port: v })}
          />
          <CheckField
            label={t('udp.replyToLast')}
            checked={dest.replyToLast}
            onChange={(on) => setUdpDestination(endpoint.id, { replyToLast: on })}
          >
            <span className="muted">
              (
              {lastSender
                ? t('udp.lastSender', {
                    address: formatHostPort(lastSender.address, lastSender.port),
                  })
                : t('udp.noSenderYet')}
              )
            </span>
          </CheckField>
        </div>
      )}
      <div className="udp-options-row">
        <CheckField
          label={t('udp.allowBroadcast')}
          checked={udp?.broadcast ?? false}
          disabled={!open}
          onChange={(on) =>
            report(api.setUdpOptions({ endpointId: endpoint.id, broadcast: on }), endpoint.id)
          }
        />
        {udp && (
          <span className="muted">
            {t('udp.maxDatagram', { bytes: formatCount(udp.maxDatagram) })}
          </span>
        )}
        {udp && (
          <span className="muted udp-receive-buffer">
            {udp.receiveBuffer.granted !== null
              ? t('udp.receiveBufferShown', {
                  granted: formatBytes(udp.receiveBuffer.granted),
                  asked: formatBytes(udp.receiveBuffer.asked),
                })
              : t('udp.receiveBufferAsked', { asked: formatBytes(udp.receiveBuffer.asked) })}
          </span>
        )}
      </div>
      {udp && udp.kernelDrops !== null && udp.kernelDrops > 0 && (
        <p className="warning-text udp-kernel-drops" role="status">
          {t('udp.kernelDropped', { count: formatCount(udp.kernelDrops) })}
        </p>
      )}
      <UdpPeerList endpoint={endpoint} />
      {udp && open && <UdpMulticast endpoint={endpoint} udp={udp} />}
    </section>
  );
}
