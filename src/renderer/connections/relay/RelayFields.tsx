import { useCallback, useEffect, useMemo, useState } from 'react';
import { hostProblem, portProblem } from '../../../shared/net/address';
import { useT } from '../../i18n/i18n';
import { isWholeIn, SelectField, TextField, NumberField } from '../../ui/Field';
import { CertificateChoice, type CertificateResult } from '../tls/CertificateChoice';
import type { KindExtra } from '../KindFields';

const NO_CERT: CertificateResult = { value: undefined, problem: null };
const MODES = ['tcp', 'tls', 'udp'] as const;
type RelayMode = (typeof MODES)[number];

/** What "New connection" asks of a relay: its mode, its target and, for TLS, a certificate. */
export function RelayFields({ onChange }: { onChange: (extra: KindExtra) => void }) {
  const { t } = useT();
  const [mode, setMode] = useState<RelayMode>('tcp');
  const [targetHost, setTargetHost] = useState('127.0.0.1');
  const [targetPort, setTargetPort] = useState('');
  const [touched, setTouched] = useState(false);
  const [cert, setCert] = useState<CertificateResult>(NO_CERT);
  const [idleSeconds, setIdleSeconds] = useState('120');
  const onCert = useCallback((r: CertificateResult) => setCert(r), []);
  const hostError = hostProblem(targetHost);
  const portError = portProblem(targetPort, false);
  const idle = Number(idleSeconds);
  const idleError =
    mode === 'udp' && !isWholeIn(idleSeconds, 1, 86_400) ? t('relay.idleProblem') : null;

  const extra = useMemo<KindExtra>(
    () => ({
      fields: {
        mode,
        targetHost: targetHost.trim(),
        targetPort: Number(targetPort),
        ...(mode === 'tls' && cert.value ? { certificate: cert.value } : {}),
        ...(mode === 'udp' && !idleError ? { idleTimeoutMs: idle * 1000 } : {}),
      },
      problem: hostError ?? portError ?? idleError ?? (mode === 'tls' ? cert.problem : null),
    }),
    [mode, targetHost, targetPort, cert, hostError, portError, idle, idleError],
  );
  useEffect(() => onChange(extra), [extra, onChange]);

  return (
    <>
      <SelectField
        label={t('relay.mode')}
        value={mode}
        choices={MODES}
        say={(m) => t(`relay.mode.${m}`)}
        onChange={setMode}
      />
      <TextField
        label={t('relay.targetHost')}
        error={hostError}
        value={targetHost}
        onChange={setTargetHost}
        spellCheck={false}
      />
      <NumberField
        label={t('relay.targetPort')}
        error={touched ? portError : null}
        value={targetPort}
        onChange={(v) => {
          setTargetPort(v);
          setTouched(true);
        }}
        invalid={touched && Boolean(portError)}
      />
      {mode === 'udp' && (
        <NumberField
          label={t('relay.idleSeconds')}
          error={idleError}
          value={idleSeconds}
          onChange={setIdleSeconds}
        />
      )}
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
