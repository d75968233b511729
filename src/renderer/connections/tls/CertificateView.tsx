import type { CertificateSummary } from '../../../shared/contract';
import { useT } from '../../i18n/i18n';

/** One certificate as a person checks it: who, by whom, when, which names, which fingerprint. */
export function CertificateView({ cert }: { cert: CertificateSummary }) {
  const { t } = useT();
  return (
    <dl className="tls-cert">
      <dt>{t('tls.subject')}</dt>
      <dd>{cert.subject}</dd>
      <dt>{t('tls.issuer')}</dt>
      <dd>{cert.issuer}</dd>
      <dt>{t('tls.validity')}</dt>
      <dd>
        {cert.validFrom} — {cert.validTo}
      </dd>
      <dt>{t('tls.altNames')}</dt>
      <dd>{cert.altNames.join(', ') || '—'}</dd>
      <dt>{t('tls.fingerprint')}</dt>
      <dd>
        <code>{cert.fingerprint256}</code>
      </dd>
    </dl>
  );
}
