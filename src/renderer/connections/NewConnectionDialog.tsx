import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { EndpointKind, EndpointSpecInput, MessageRef } from '../../shared/contract';
import { hostProblem, portProblem } from '../../shared/net/address';
import { useApi } from '../api/api-context';
import { describe, sayProblem } from '../i18n/describe';
import { useT } from '../i18n/i18n';
import { setActive } from '../store/store';
import { useEscape } from '../ui/use-escape';
import { SelectField, TextField, NumberField } from '../ui/Field';
import { KindFields, NO_EXTRA, type KindExtra } from './KindFields';
import { TcpOptionsFields, type ExtraSpec } from './TcpOptionsFields';
import { UdpOpenFields, type UdpOpenChoice } from './udp/UdpOpenFields';

const KINDS: EndpointKind[] = [
  'tcp-server',
  'tcp-client',
  'udp',
  'tls-client',
  'tls-server',
  'relay',
];
/** Kinds that bind a local port, where port 0 (the system's choice) makes sense. */
const LISTENERS = new Set<EndpointKind>(['tcp-server', 'udp', 'tls-server', 'relay']);
const DEFAULT_HOST: Record<EndpointKind, string> = {
  'tcp-server': '0.0.0.0',
  'tcp-client': '127.0.0.1',
  udp: '0.0.0.0',
  'tls-client': '127.0.0.1',
  'tls-server': '0.0.0.0',
  relay: '0.0.0.0',
};

/** "New connection": kind, host, port, checked as you type; errors beside the field. */
export function NewConnectionDialog({ onClose }: { onClose: () => void }) {
  const { t } = useT();
  const api = useApi();
  const titleId = useId();
  const [kind, setKind] = useState<EndpointKind>('tcp-server');
  const [host, setHost] = useState(DEFAULT_HOST['tcp-server']);
  const [port, setPort] = useState('9000');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<MessageRef | null>(null);
  const [tcpExtra, setTcpExtra] = useState<ExtraSpec>({ fields: {}, valid: true });
  const [udp, setUdp] = useState<UdpOpenChoice>({ extra: {}, problem: null });
  const [extra, setExtra] = useState<KindExtra>(NO_EXTRA);
  const firstField = useRef<HTMLSelectElement>(null);

  useEffect(() => firstField.current?.focus(), []);
  useEscape(onClose);

  const hostError = hostProblem(host);
  const portError = portProblem(port, LISTENERS.has(kind));
  const valid =
    !hostError &&
    !portError &&
    tcpExtra.valid &&
    !extra.problem &&
    (kind !== 'udp' || !udp.problem);

  const changeKind = (next: EndpointKind): void => {
    if (host === DEFAULT_HOST[kind]) setHost(DEFAULT_HOST[next]);
    setKind(next);
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTouched(true);
    if (!valid || busy) return;
    setBusy(true);
    setFailure(null);
    const spec = {
      ...extra.fields,
      ...tcpExtra.fields,
      ...(kind === 'udp' ? udp.extra : {}),
      kind,
      host: host.trim(),
      port: Number(port),
    } as EndpointSpecInput;
    const result = await api.openEndpoint({ spec });
    setBusy(false);
    if (result.ok) {
      setActive(result.value.id);
      onClose();
    } else {
      setFailure(result.error.message);
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      {/* A form may not take the dialog role: the dialog holds the form. */}
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <form className="dialog-form" onSubmit={submit} noValidate>
          <h2 id={titleId}>{t('newConnection')}</h2>
          <SelectField
            ref={firstField}
            label={t('kind')}
            value={kind}
            choices={KINDS}
            say={(k) => t(`kind.${k}`)}
            onChange={changeKind}
          />
          <TextField
            label={t('host')}
            error={touched || host !== DEFAULT_HOST[kind] ? hostError : null}
            value={host}
            onChange={setHost}
            spellCheck={false}
            autoComplete="off"
            invalid={Boolean(hostError)}
          />
          <NumberField label={t('port')} error={portError} value={port} onChange={setPort} />
          <TcpOptionsFields kind={kind} onChange={setTcpExtra} />
          {kind === 'udp' && <UdpOpenFields host={host} onHost={setHost} onChange={setUdp} />}
          <KindFields kind={kind} onChange={setExtra} />
          {touched && extra.problem && <p className="field-error">{sayProblem(extra.problem)}</p>}
          {failure && (
            <p className="form-failure" role="alert">
              {describe(failure)}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              {t('cancel')}
            </button>
            <button type="submit" className="primary" disabled={!valid || busy}>
              {busy ? t('opening') : t('open')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
