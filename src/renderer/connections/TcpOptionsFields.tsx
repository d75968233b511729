import { useEffect, useState } from 'react';
import { DEFAULT_LISTEN_BACKLOG, type EndpointKind } from '../../shared/contract';
import { hostProblem, portProblem } from '../../shared/net/address';
import { useT } from '../i18n/i18n';
import { CheckField } from '../ui/CheckField';
import { isWholeIn, TextField, NumberField } from '../ui/Field';
import { AutoReconnectField } from './AutoReconnectField';

/** The TCP options beyond host and port, as spec fields, and whether they are valid. */
export type ExtraSpec = { fields: Record<string, unknown>; valid: boolean };

/**
 * "Options" of the New connection dialog for the TCP kinds: a client's
 * timeout, local address/port, TCP_NODELAY and keep-alive; a listener's
 * backlog (TLS too) and IPv6-only switch. Folded away by default: the
 * defaults are what most want.
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
  const [autoReconnect, setAutoReconnect] = useState(false);
  const [ipv6Only, setIpv6Only] = useState(false);
  const [backlog, setBacklog] = useState(String(DEFAULT_LISTEN_BACKLOG));
  // Fields render only while unfolded, so hidden inputs never shadow the main ones.
  const [open, setOpen] = useState(false);

  const timeoutError = isWholeIn(timeout, 1, 600_000) ? null : t('tcp.timeoutRange');
  const localAddressError = localAddress === '' ? null : hostProblem(localAddress);
  const localPortError = localPort === '' ? null : portProblem(localPort);
  const backlogError = isWholeIn(backlog, 1, 65535) ? null : t('tcp.backlogRange');

  useEffect(() => {
    if (kind === 'tcp-server') {
      onChange({ fields: { ipv6Only, backlog: Number(backlog) }, valid: !backlogError });
    } else if (kind === 'tls-server') {
      onChange({ fields: { backlog: Number(backlog) }, valid: !backlogError });
    } else if (kind === 'tcp-client') {
      const fields: Record<string, unknown> = {
        timeoutMs: Number(timeout),
        noDelay,
        keepAlive,
        autoReconnect,
      };
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
    autoReconnect,
    ipv6Only,
    backlog,
    backlogError,
    timeoutError,
    localAddressError,
    localPortError,
    onChange,
  ]);

  if (kind === 'tcp-server' || kind === 'tls-server') {
    return (
      <details
        className="dialog-options"
        open={open || Boolean(backlogError)}
        onToggle={(e) => setOpen(e.currentTarget.open)}
      >
        <summary>{t('tcp.options')}</summary>
        {(open || backlogError) && (
          <>
            <NumberField
              label={t('tcp.backlog')}
              error={backlogError}
              value={backlog}
              onChange={setBacklog}
            />
            {kind === 'tcp-server' && (
              <CheckField label={t('tcp.ipv6Only')} checked={ipv6Only} onChange={setIpv6Only} />
            )}
          </>
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
          <NumberField
            label={t('tcp.timeout')}
            error={timeoutError}
            value={timeout}
            onChange={setTimeoutText}
          />
          <TextField
            label={t('tcp.localAddress')}
            error={localAddressError}
            value={localAddress}
            placeholder={t('tcp.any')}
            spellCheck={false}
            onChange={setLocalAddress}
          />
          <NumberField
            label={t('tcp.localPort')}
            error={localPortError}
            value={localPort}
            placeholder={t('tcp.any')}
            onChange={setLocalPort}
          />
          <CheckField label={t('tcp.noDelay')} checked={noDelay} onChange={setNoDelay} />
          <CheckField label={t('tcp.keepAlive')} checked={keepAlive} onChange={setKeepAlive} />
          <AutoReconnectField checked={autoReconnect} onChange={setAutoReconnect} />
        </>
      )}
    </details>
  );
}
