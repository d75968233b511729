import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EndpointKind, FileRef } from '../../../shared/contract';
import { hostProblem, portProblem } from '../../../shared/net/address';
import { useT } from '../../i18n/i18n';
import { Field } from '../Field';
import { CertificateChoice, splitList, type CertificateResult } from './CertificateChoice';
import { FileChoice } from './FileChoice';
import './tls-relay.css';

/** The kind-specific part of a spec, and the first reason it cannot be opened yet. */
export interface KindExtra {
  fields: Record<string, unknown>;
  problem: string | null;
}

export const NO_EXTRA: KindExtra = { fields: {}, problem: null };

/** The fields a TLS or relay kind adds to "New connection"; nothing for the TCP kinds. */
export function KindFields({
  kind,
  onChange,
}: {
  kind: EndpointKind;
  onChange: (extra: KindExtra) => void;
}) {
  useEffect(() => {
    if (kind !== 'tls-client' && kind !== 'tls-server' && kind !== 'relay') onChange(NO_EXTRA);
  }, [kind, onChange]);
  if (kind === 'tls-client') return <TlsClientFields onChange={onChange} />;
  if (kind === 'tls-server') return <TlsServerFields onChange={onChange} />;
  if (kind === 'relay') return <RelayFields onChange={onChange} />;
  return null;
}

const NO_CERT: CertificateResult = { value: undefined, problem: null };

function TlsClientFields({ onChange }: { onChange: (extra: KindExtra) => void }) {
  const { t } = useT();
  const [serverName, setServerName] = useState('');
  const [alpn, setAlpn] = useState('');
  const [verify, setVerify] = useState(true);
  const [ca, setCa] = useState<FileRef | null>(null);
  const [cert, setCert] = useState<CertificateResult>(NO_CERT);
  const onCert = useCallback((r: CertificateResult) => setCert(r), []);

  useEffect(() => {
    onChange({
      fields: {
        serverName: serverName.trim(),
        alpn: splitList(alpn),
        verify,
        ...(ca ? { caFileId: ca.fileId } : {}),
        ...(cert.value ? { clientCertificate: cert.value } : {}),
      },
      problem: cert.problem,
    });
  }, [serverName, alpn, verify, ca, cert, onChange]);

  return (
    <>
      <Field label={t('tls.serverName')}>
        {(id) => (
          <input
            id={id}
            value={serverName}
            placeholder={t('tls.serverNameHint')}
            onChange={(e) => setServerName(e.target.value)}
            spellCheck={false}
          />
        )}
      </Field>
      <AlpnField value={alpn} onChange={setAlpn} />
      <label className="inline-field">
        <input type="checkbox" checked={verify} onChange={(e) => setVerify(e.target.checked)} />
        {t('tls.verify')}
      </label>
      {!verify && (
        <p className="tls-warning" role="alert">
          {t('tls.verifyOffWarning')}
        </p>
      )}
      <FileChoice
        label={t('tls.caFile')}
        purpose="ca"
        value={ca}
        onChange={setCa}
        optional
        emptyText={t('tls.systemCas')}
      />
      <CertificateChoice
        label={t('tls.clientCert')}
        sources={['none', 'pem', 'pkcs12']}
        onChange={onCert}
      />
    </>
  );
}

function TlsServerFields({ onChange }: { onChange: (extra: KindExtra) => void }) {
  const { t } = useT();
  const [cert, setCert] = useState<CertificateResult>(NO_CERT);
  const [alpn, setAlpn] = useState('');
  const [request, setRequest] = useState(false);
  const [clientCa, setClientCa] = useState<FileRef | null>(null);
  const onCert = useCallback((r: CertificateResult) => setCert(r), []);

  useEffect(() => {
    onChange({
      fields: {
        ...(cert.value ? { certificate: cert.value } : {}),
        alpn: splitList(alpn),
        requestClientCertificate: request,
        ...(request && clientCa ? { clientCaFileId: clientCa.fileId } : {}),
      },
      problem: cert.problem,
    });
  }, [cert, alpn, request, clientCa, onChange]);

  return (
    <>
      <CertificateChoice
        label={t('tls.certSource')}
        sources={['self-signed', 'pem', 'pkcs12']}
        onChange={onCert}
      />
      <AlpnField value={alpn} onChange={setAlpn} />
      <label className="inline-field">
        <input type="checkbox" checked={request} onChange={(e) => setRequest(e.target.checked)} />
        {t('tls.requestClientCert')}
      </label>
      {request && (
        <FileChoice
          label={t('tls.clientCaFile')}
          purpose="ca"
          value={clientCa}
          onChange={setClientCa}
          optional
        />
      )}
    </>
  );
}

function RelayFields({ onChange }: { onChange: (extra: KindExtra) => void }) {
  const { t } = useT();
  const [mode, setMode] = useState<'tcp' | 'tls' | 'udp'>('tcp');
  const [targetHost, setTargetHost] = useState('127.0.0.1');
  const [targetPort, setTargetPort] = useState('');
  const [touched, setTouched] = useState(false);
  const [cert, setCert] = useState<CertificateResult>(NO_CERT);
  const onCert = useCallback((r: CertificateResult) => setCert(r), []);
  const hostError = hostProblem(targetHost);
  const portError = portProblem(targetPort, false);

  const extra = useMemo<KindExtra>(
    () => ({
      fields: {
        mode,
        targetHost: targetHost.trim(),
        targetPort: Number(targetPort),
        ...(mode === 'tls' && cert.value ? { certificate: cert.value } : {}),
      },
      problem: hostError ?? portError ?? (mode === 'tls' ? cert.problem : null),
    }),
    [mode, targetHost, targetPort, cert, hostError, portError],
  );
  useEffect(() => onChange(extra), [extra, onChange]);

  return (
    <>
      <Field label={t('relay.mode')}>
        {(id) => (
          <select id={id} value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
            {(['tcp', 'tls', 'udp'] as const).map((m) => (
              <option key={m} value={m}>
                {t(`relay.mode.${m}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('relay.targetHost')} error={hostError}>
        {(id, describedBy) => (
          <input
            id={id}
            value={targetHost}
            onChange={(e) => setTargetHost(e.target.value)}
            aria-invalid={Boolean(hostError)}
            aria-describedby={describedBy}
            spellCheck={false}
          />
        )}
      </Field>
      <Field label={t('relay.targetPort')} error={touched ? portError : null}>
        {(id, describedBy) => (
          <input
            id={id}
            value={targetPort}
            inputMode="numeric"
            onChange={(e) => {
              setTargetPort(e.target.value);
              setTouched(true);
            }}
            aria-invalid={touched && Boolean(portError)}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      {mode === 'tls' && (
        <CertificateChoice
          label={t('tls.certSource')}
          sources={['self-signed', 'pem', 'pkcs12']}
          onChange={onCert}
        />
      )}
    </>
  );
}

function AlpnField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useT();
  return (
    <Field label={t('tls.alpn')}>
      {(id) => (
        <input
          id={id}
          value={value}
          placeholder={t('tls.alpnHint')}
          onChange={(e) => onChange(e.target.value)}
          spellCheck={false}
        />
      )}
    </Field>
  );
}
