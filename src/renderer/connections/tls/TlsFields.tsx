import { useCallback, useEffect, useState } from 'react';
import type { FileRef } from '../../../shared/contract';
import { useT } from '../../i18n/i18n';
import { TextField } from '../../ui/Field';
import { AutoReconnectField } from '../AutoReconnectField';
import type { KindExtra } from '../kind-extra';
import { CheckField } from '../../ui/CheckField';
import { CertificateChoice, splitList, type CertificateResult } from './CertificateChoice';
import { FileChoice } from './FileChoice';
import './tls.css';

const NO_CERT: CertificateResult = { value: undefined, problem: null };

export function TlsClientFields({ onChange }: { onChange: (extra: KindExtra) => void }) {
  const { t } = useT();
  const [serverName, setServerName] = useState('');
  const [alpn, setAlpn] = useState('');
  const [verify, setVerify] = useState(true);
  const [autoReconnect, setAutoReconnect] = useState(false);
  const [ca, setCa] = useState<FileRef | null>(null);
  const [cert, setCert] = useState<CertificateResult>(NO_CERT);
  const onCert = useCallback((r: CertificateResult) => setCert(r), []);

  useEffect(() => {
    onChange({
      fields: {
        serverName: serverName.trim(),
        alpn: splitList(alpn),
        verify,
        autoReconnect,
        ...(ca ? { caFileId: ca.fileId } : {}),
        ...(cert.value ? { clientCertificate: cert.value } : {}),
      },
      problem: cert.problem,
    });
  }, [serverName, alpn, verify, autoReconnect, ca, cert, onChange]);

  return (
    <>
      <TextField
        label={t('tls.serverName')}
        value={serverName}
        placeholder={t('tls.serverNameHint')}
        onChange={setServerName}
        spellCheck={false}
      />
      <AlpnField value={alpn} onChange={setAlpn} />
      <CheckField label={t('tls.verify')} checked={verify} onChange={setVerify} />
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
      <AutoReconnectField checked={autoReconnect} onChange={setAutoReconnect} />
    </>
  );
}

export function TlsServerFields({ onChange }: { onChange: (extra: KindExtra) => void }) {
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
      <CheckField label={t('tls.requestClientCert')} checked={request} onChange={setRequest} />
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

function AlpnField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useT();
  return (
    <TextField
      label={t('tls.alpn')}
      value={value}
      placeholder={t('tls.alpnHint')}
      onChange={onChange}
      spellCheck={false}
    />
  );
}
