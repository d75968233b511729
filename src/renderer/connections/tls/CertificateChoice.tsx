import { useEffect, useMemo, useState } from 'react';
import type { FileRef, ServerCertificate } from '../../../shared/contract';
import { useT } from '../../i18n/i18n';
import { SelectField, TextField } from '../../ui/Field';
import { FileChoice } from './FileChoice';

type Source = 'none' | 'pem' | 'pkcs12' | 'self-signed';

export interface CertificateResult {
  value: ServerCertificate | undefined;
  problem: string | null;
}

/** Splits "a, b  c" into names. */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Where a certificate comes from: PEM files, a PKCS#12 bundle, or (for a
 * listener) one Wirebench generates for the names given and keeps.
 */
export function CertificateChoice({
  label,
  sources,
  onChange,
}: {
  label: string;
  sources: Source[];
  onChange: (result: CertificateResult) => void;
}) {
  const { t } = useT();
  const [source, setSource] = useState<Source>(sources[0] ?? 'none');
  const [cert, setCert] = useState<FileRef | null>(null);
  const [key, setKey] = useState<FileRef | null>(null);
  const [bundle, setBundle] = useState<FileRef | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [names, setNames] = useState('localhost, 127.0.0.1');

  const result = useMemo<CertificateResult>(() => {
    const pass = passphrase ? { passphrase } : {};
    switch (source) {
      case 'none':
        return { value: undefined, problem: null };
      case 'self-signed': {
        const list = splitList(names);
        return list.length > 0
          ? { value: { source: 'self-signed', names: list }, problem: null }
          : { value: undefined, problem: t('tls.namesMissing') };
      }
      case 'pem':
        if (!cert)
          return { value: undefined, problem: t('tls.fileMissing', { what: t('tls.certFile') }) };
        if (!key)
          return { value: undefined, problem: t('tls.fileMissing', { what: t('tls.keyFile') }) };
        return {
          value: { source: 'pem', certFileId: cert.fileId, keyFileId: key.fileId, ...pass },
          problem: null,
        };
      case 'pkcs12':
        if (!bundle)
          return { value: undefined, problem: t('tls.fileMissing', { what: t('tls.bundleFile') }) };
        return { value: { source: 'pkcs12', fileId: bundle.fileId, ...pass }, problem: null };
    }
  }, [source, cert, key, bundle, passphrase, names, t]);

  useEffect(() => onChange(result), [result, onChange]);

  return (
    <fieldset className="tls-fieldset">
      <SelectField
        label={label}
        value={source}
        choices={sources}
        say={(s) => t(`tls.source.${s}`)}
        onChange={setSource}
      />
      {source === 'self-signed' && (
        <TextField
          label={t('tls.names')}
          error={result.problem}
          value={names}
          placeholder={t('tls.namesHint')}
          onChange={setNames}
          spellCheck={false}
        />
      )}
      {source === 'pem' && (
        <>
          <FileChoice
            label={t('tls.certFile')}
            purpose="certificate"
            value={cert}
            onChange={setCert}
          />
          <FileChoice label={t('tls.keyFile')} purpose="key" value={key} onChange={setKey} />
        </>
      )}
      {source === 'pkcs12' && (
        <FileChoice
          label={t('tls.bundleFile')}
          purpose="pkcs12"
          value={bundle}
          onChange={setBundle}
        />
      )}
      {(source === 'pem' || source === 'pkcs12') && (
        <TextField
          label={t('tls.passphrase')}
          type="password"
          value={passphrase}
          autoComplete="off"
          onChange={setPassphrase}
        />
      )}
    </fieldset>
  );
}
