import { useState } from 'react';
import type { EndpointInfo } from '../../../shared/contract';
import type { UdpDetails } from '../../../shared/contract/udp';
import { isMulticastAddress } from '../../../shared/net/address';
import { useApi } from '../../api/api-context';
import { describe } from '../../i18n/describe';
import { useT } from '../../i18n/i18n';
import { msg } from '../../../shared/messages/catalogue';
import { report } from '../../store/report';
import { SelectField, TextField, NumberField } from '../../ui/Field';
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

  // '' leaves the choice to the system.
  const names = ['', ...new Set(interfaces.map((i) => i.name))];
  const interfacePicker = (label: string, value: string, onPick: (name: string) => void) => (
    <SelectField
      label={label}
      value={value}
      choices={names}
      say={(name) =>
        name === ''
          ? t('udp.systemDefault')
          : `${name} — ${interfaces.find((i) => i.name === name)?.address}`
      }
      onChange={onPick}
    />
  );

  return (
    <details className="udp-multicast">
      <summary>{t('udp.multicast')}</summary>
      <div className="udp-grid">
        <TextField
          label={t('udp.group')}
          error={group === '' ? null : groupError}
          value={group}
          spellCheck={false}
          onChange={setGroup}
        />
        {interfacePicker(t('udp.interface'), iface, setIface)}
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
        <NumberField label={t('udp.ttl')} value={ttl} onChange={setTtl} />
        <NumberField label={t('udp.multicastTtl')} value={mcastTtl} onChange={setMcastTtl} />
        {interfacePicker(t('udp.multicastInterface'), mcastIface, setMcastIface)}
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
