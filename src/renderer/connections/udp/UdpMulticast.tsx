import { useState } from 'react';
import type { EndpointInfo } from '../../../shared/contract';
import type { UdpDetails } from '../../../shared/contract/udp';
import { isMulticastAddress } from '../../../shared/net/address';
import { useApi } from '../../api/api-context';
import { describe } from '../../i18n/describe';
import { useT } from '../../i18n/i18n';
import { msg } from '../../../shared/messages/catalogue';
import { report } from '../../store/report';
import { Field } from '../Field';
import { CheckField } from '../../ui/CheckField';
import { useNetworkInterfaces } from './network-interfaces';

/** Joining and leaving groups on a chosen interface; TTL/hops, loopback and the sending interface. */
export function UdpMulticast({ endpoint, udp }: { endpoint: EndpointInfo; udp: UdpDetails }) {
  const { t } = useT();
  const api = useApi();
  const interfaces = useNetworkInterfaces().filter((i) => i.family === udp.family);
  const [group, setGroup] = useState(udp.family === 'IPv4' ? '239.255.0.1' : 'ff02::1:1');
  const [iface, setIface] = useState('');
  const [ttl, setTtl] = useState(String(udp.ttl ?? 64));
  const [mcastTtl, setMcastTtl] = useState(String(udp.multicastTtl ?? 1));
  const [mcastIface, setMcastIface] = useState(udp.multicastInterface ?? '');
  // The shared check's own words, in the window's language.
  const groupError = isMulticastAddress(group.trim())
    ? null
    : describe(msg('field.multicast-group', {}));
  const endpointId = endpoint.id;

  const picker = (id: string, value: string, onPick: (v: string) => void) => (
    <select id={id} value={value} onChange={(e) => onPick(e.target.value)}>
      <option value="">{t('udp.systemDefault')}</option>
      {[...new Set(interfaces.map((i) => i.name))].map((name) => (
        <option key={name} value={name}>
          {name} — {interfaces.find((i) => i.name === name)?.address}
        </option>
      ))}
    </select>
  );

  return (
    <details className="udp-multicast">
      <summary>{t('udp.multicast')}</summary>
      <div className="udp-grid">
        <Field label={t('udp.group')} error={group === '' ? null : groupError}>
          {(id, describedBy) => (
            <input
              id={id}
              value={group}
              spellCheck={false}
              onChange={(e) => setGroup(e.target.value)}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field label={t('udp.interface')}>{(id) => picker(id, iface, setIface)}</Field>
        <button
          type="button"
          disabled={Boolean(groupError)}
          onClick={() =>
            report(
              api.joinGroup({ endpointId, group: group.trim(), iface: iface || undefined }),
              endpointId,
            )
          }
        >
          {t('udp.join')}
        </button>
      </div>
      <h3>{t('udp.joined')}</h3>
      {udp.memberships.length === 0 ? (
        <p className="muted">{t('udp.noGroups')}</p>
      ) : (
        <ul className="udp-memberships">
          {udp.memberships.map((m) => {
            const name = `${m.group}${m.iface ? ` (${m.iface})` : ''}`;
            return (
              <li key={name}>
                <code>{name}</code>
                <button
                  type="button"
                  aria-label={`${t('udp.leave')} ${name}`}
                  onClick={() =>
                    report(
                      api.leaveGroup({ endpointId, group: m.group, iface: m.iface ?? undefined }),
                      endpointId,
                    )
                  }
                >
                  {t('udp.leave')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="udp-grid">
        <Field label={t('udp.ttl')}>
          {(id) => (
            <input
              id={id}
              value={ttl}
              inputMode="numeric"
              onChange={(e) => setTtl(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('udp.multicastTtl')}>
          {(id) => (
            <input
              id={id}
              value={mcastTtl}
              inputMode="numeric"
              onChange={(e) => setMcastTtl(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('udp.multicastInterface')}>
          {(id) => picker(id, mcastIface, setMcastIface)}
        </Field>
        <CheckField
          label={t('udp.multicastLoopback')}
          checked={udp.multicastLoopback ?? true}
          onChange={(on) =>
            report(api.setUdpOptions({ endpointId, multicastLoopback: on }), endpointId)
          }
        />
        <button
          type="button"
          onClick={() =>
            // The contract checks the numbers and answers with a sentence.
            report(
              api.setUdpOptions({
                endpointId,
                ttl: Number(ttl),
                multicastTtl: Number(mcastTtl),
                multicastInterface: mcastIface || undefined,
              }),
              endpointId,
            )
          }
        >
          {t('udp.apply')}
        </button>
      </div>
    </details>
  );
}
