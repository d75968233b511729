import { useEffect, useState } from 'react';
import type { EndpointSpecInput } from '../../../shared/contract';
import { DEFAULT_RECEIVE_BUFFER_BYTES } from '../../../shared/contract/udp';
import { hostProblem, portProblem } from '../../../shared/net/address';
import type { MessageRef } from '../../../shared/messages/catalogue';
import { useT } from '../../i18n/i18n';
import { Field, isWholeIn, TextField, NumberField } from '../../ui/Field';
import { CheckField } from '../../ui/CheckField';
import { useNetworkInterfaces } from './network-interfaces';
import './udp.css';

/** Every interface, IPv4 and IPv6. */
const ANY = ['0.0.0.0', '::'];

/** What the UDP fields add to the spec, and why they cannot be used yet (or null). */
export interface UdpOpenChoice {
  extra: Partial<Extract<EndpointSpecInput, { kind: 'udp' }>>;
  /** An address check's ref, or the form's own words (the receive buffer's range). */
  problem: MessageRef | string | null;
}

/**
 * The UDP part of "New connection": bind to an interface's address, share
 * the port, allow broadcast, or connect to one remote.
 */
export function UdpOpenFields({
  host,
  onHost,
  onChange,
}: {
  host: string;
  onHost: (host: string) => void;
  onChange: (choice: UdpOpenChoice) => void;
}) {
  const { t } = useT();
  const interfaces = useNetworkInterfaces();
  const [reuseAddr, setReuseAddr] = useState(false);
  const [broadcast, setBroadcast] = useState(false);
  const [ipv6Only, setIpv6Only] = useState(false);
  const [connect, setConnect] = useState(false);
  const [remoteHost, setRemoteHost] = useState('127.0.0.1');
  const [remotePort, setRemotePort] = useState('');
  const [receiveBuffer, setReceiveBuffer] = useState(String(DEFAULT_RECEIVE_BUFFER_BYTES));

  const remoteHostError = connect ? hostProblem(remoteHost) : null;
  const remotePortError = connect ? portProblem(remotePort, false) : null;
  const receiveBufferError = isWholeIn(receiveBuffer, 4096, 1024 ** 3)
    ? null
    : t('udp.receiveBufferRange');
  const v6 = host.includes(':');

  useEffect(() => {
    onChange({
      extra: {
        reuseAddr,
        broadcast,
        ipv6Only: v6 && ipv6Only,
        receiveBufferBytes: Number(receiveBuffer),
        ...(connect ? { connect: { host: remoteHost.trim(), port: Number(remotePort) } } : {}),
      },
      problem: remoteHostError ?? remotePortError ?? receiveBufferError,
    });
  }, [
    receiveBuffer,
    receiveBufferError,
    reuseAddr,
    broadcast,
    ipv6Only,
    v6,
    connect,
    remoteHost,
    remotePort,
    remoteHostError,
    remotePortError,
    onChange,
  ]);

  const known = ANY.includes(host) || interfaces.some((i) => i.address === host);
  return (
    <>
      <Field label={t('udp.bindInterface')}>
        {(id) => (
          <select
            id={id}
            value={known ? host : ''}
            onChange={(e) => e.target.value && onHost(e.target.value)}
          >
            <option value="">{t('udp.typedAddress')}</option>
            {ANY.map((any) => (
              <option key={any} value={any}>
                {any}
              </option>
            ))}
            {interfaces.map((i) => (
              <option key={`${i.name}-${i.address}`} value={i.address}>
                {i.name} — {i.address}
              </option>
            ))}
          </select>
        )}
      </Field>
      <NumberField
        label={t('udp.receiveBuffer')}
        error={receiveBufferError}
        value={receiveBuffer}
        onChange={setReceiveBuffer}
      />
      <div className="udp-open-checks">
        <CheckField label={t('udp.reuseAddr')} checked={reuseAddr} onChange={setReuseAddr} />
        <CheckField label={t('udp.allowBroadcast')} checked={broadcast} onChange={setBroadcast} />
        {v6 && <CheckField label={t('udp.ipv6Only')} checked={ipv6Only} onChange={setIpv6Only} />}
        <CheckField label={t('udp.connectMode')} checked={connect} onChange={setConnect} />
      </div>
      {connect && (
        <>
          <TextField
            label={t('udp.remoteHost')}
            error={remoteHostError}
            value={remoteHost}
            onChange={setRemoteHost}
            spellCheck={false}
          />
          <NumberField
            label={t('udp.remotePort')}
            error={remotePort === '' ? null : remotePortError}
            value={remotePort}
            onChange={setRemotePort}
            invalid={Boolean(remotePortError)}
          />
        </>
      )}
    </>
  );
}
