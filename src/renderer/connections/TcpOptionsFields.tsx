import { useEffect, useState } from 'react';
import type { EndpointKind } from '../../shared/contract';
import { hostProblem, portProblem } from '../../shared/net/address';
import { useT } from '../i18n/i18n';
import { Field } from './Field';

/** The TCP options beyond host and port, as spec fields, and whether they are valid. */
export type ExtraSpec = { fields: Record<string, unknown>; valid: boolean };

/**
 * "Options" of the New connection dialog for the TCP kinds: a client's
 * timeout, local address/port, TCP_NODELAY and keep-alive; a listener's
 * IPv6-only switch. Folded away by default: the defaults are what most want.
 */
export function TcpOptionsFields({
  kind,
  onChange,
}: {
  kind: EndpointKind;
  onChange: (extra: ExtraSpec) => void;
}) {
  const { t } = useT();
  const [timeout, setTimeoutText] = useState('5000');
  const [localAddress, setLocalAddress] = useState('');
  const [localPort, setLocalPort] = useState('');
  const [noDelay, setNoDelay] = useState(true);
  const [keepAlive, setKeepAlive] = useState(false);
  const [ipv6Only, setIpv6Only] = useState(false);
  // Fields render only while unfolded, so hidden inputs never shadow the main ones.
  const [open, setOpen] = useState(false);

  const timeoutError =
    /^\d+$/.test(timeout) && +timeout >= 1 && +timeout <= 600_000 ? null : t('tcp.timeoutRange');
  const localAddressError = localAddress === '' ? null : hostProblem(localAddress);
  const localPortError = localPort === '' ? null : portProblem(localPort);

  useEffect(() => {
    if (kind === 'tcp-server') {
      onChange({ fields: { ipv6Only }, valid: true });
    } else if (kind === 'tcp-client') {
      const fields: Record<string, unknown> = { timeoutMs: Number(timeout), noDelay, keepAlive };
      if (localAddress) fields.localAddress = localAddress.trim();
      if (localPort) fields.localPort = Number(localPort);
      onChange({ fields, valid: !timeoutError && !localAddressError && !localPortError });
    } else {
      onChange({ fields: {}, valid: true });
    }
  }, [
    kind,
    timeout,
    localAddress,
    localPort,
    noDelay,
    keepAlive,
    ipv6Only,
    timeoutError,
    localAddressError,
    localPortError,
    onChange,
  ]);

  if (kind === 'tcp-server') {
    return (
      <details
        className="dialog-options"
        open={open}
        onToggle={(e) => setOpen(e.currentTarget.open)}
      >
        <summary>{t('tcp.options')}</summary>
        {open && (
          <label className="inline-field">
            <input
              type="checkbox"
              checked={ipv6Only}
              onChange={(e) => setIpv6Only(e.target.checked)}
            />
            {t('tcp.ipv6Only')}
          </label>
        )}
      </details>
    );
  }
  if (kind !== 'tcp-client') return null;
  return (
    <details className="dialog-options" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('tcp.options')}</summary>
      {open && (
        <>
          <Field label={t('tcp.timeout')} error={timeoutError}>
            {(id, describedBy) => (
              <input
                id={id}
                value={timeout}
                inputMode="numeric"
                onChange={(e) => setTimeoutText(e.target.value)}
                aria-invalid={Boolean(timeoutError)}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <Field label={t('tcp.localAddress')} error={localAddressError}>
            {(id, describedBy) => (
              <input
                id={id}
                value={localAddress}
                placeholder={t('tcp.any')}
                spellCheck={false}
                onChange={(e) => setLocalAddress(e.target.value)}
                aria-invalid={Boolean(localAddressError)}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <Field label={t('tcp.localPort')} error={localPortError}>
            {(id, describedBy) => (
              <input
                id={id}
                value={localPort}
                placeholder={t('tcp.any')}
                inputMode="numeric"
                onChange={(e) => setLocalPort(e.target.value)}
                aria-invalid={Boolean(localPortError)}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <label className="inline-field">
            <input
              type="checkbox"
              checked={noDelay}
              onChange={(e) => setNoDelay(e.target.checked)}
            />
            {t('tcp.noDelay')}
          </label>
          <label className="inline-field">
            <input
              type="checkbox"
              checked={keepAlive}
              onChange={(e) => setKeepAlive(e.target.checked)}
            />
            {t('tcp.keepAlive')}
          </label>
        </>
      )}
    </details>
  );
}
