import type { EndpointInfo, PeerInfo, TlsSessionInfo } from '../../../shared/contract';
import { formatHostPort } from '../../../shared/net/address';
import { describe } from '../../i18n/describe';
import { formatCount, useT } from '../../i18n/i18n';
import { peersOf, useWorkbench } from '../../store/store';
import { CertificateView } from './CertificateView';
import './tls.css';

/**
 * What TLS settled for this tab: the warning when verification is off, our
 * own certificate (a listener), and per connection the protocol, cipher,
 * ALPN and the peer's certificate chain.
 */
/** Sessions shown at once: a listener with thousands of peers shows its newest. */
const SESSIONS_SHOWN = 20;

export function TlsPanel({ endpoint }: { endpoint: EndpointInfo }) {
  const { t } = useT();
  const peers = useWorkbench((s) => peersOf(s, endpoint.id));
  const tls = endpoint.tls;
  if (!tls) return null;
  const all = peers.rows.list();
  const shown = all.slice(-SESSIONS_SHOWN);
  const requested =
    endpoint.spec.kind === 'tls-server' ? endpoint.spec.requestClientCertificate : true;
  return (
    <section className="tls-panel" aria-label={t('tls.certificates')}>
      {tls.verificationOff && (
        <p className="tls-warning" role="alert">
          {t('tls.verifyOffWarning')}
        </p>
      )}
      {tls.ownCertificate && (
        <details>
          <summary>{t('tls.ownCertificate')}</summary>
          <CertificateView cert={tls.ownCertificate} />
        </details>
      )}
      {all.length > shown.length && (
        <p className="muted">
          {t('peers.tlsMore', {
            shown: formatCount(shown.length),
            more: formatCount(all.length - shown.length),
          })}
        </p>
      )}
      {shown.map((peer) =>
        peer.tls ? (
          <PeerSession
            key={peer.id}
            peer={peer}
            session={peer.tls}
            isClient={endpoint.spec.kind === 'tls-client'}
            requested={requested}
          />
        ) : null,
      )}
    </section>
  );
}

function PeerSession({
  peer,
  session,
  isClient,
  requested,
}: {
  peer: PeerInfo;
  session: TlsSessionInfo;
  isClient: boolean;
  requested: boolean;
}) {
  const { t } = useT();
  const name = formatHostPort(peer.address, peer.port);
  const title = isClient ? t('tls.peerChain') : t('tls.clientCertOf', { peer: name });
  return (
    <div className="tls-session">
      <p>
        <code>{name}</code> · {t('tls.protocol')}: <b>{session.protocol ?? '—'}</b> ·{' '}
        {t('tls.cipher')}: <b>{session.cipher ?? '—'}</b> · {t('tls.negotiatedAlpn')}:{' '}
        <b>{session.alpn ?? '—'}</b>
        {session.authorized === true && <span className="tls-ok"> · {t('tls.verified')}</span>}
        {session.authorized === false && (
          <span className="tls-bad">
            {' '}
            ·{' '}
            {t('tls.notVerified', {
              reason: session.authorizationError ? describe(session.authorizationError) : '?',
            })}
          </span>
        )}
      </p>
      {session.peerChain.length > 0 ? (
        <details open={isClient}>
          <summary>
            {title} ({session.peerChain.length})
          </summary>
          {session.peerChain.map((cert) => (
            <CertificateView key={cert.fingerprint256} cert={cert} />
          ))}
        </details>
      ) : (
        !isClient && requested && <p className="muted">{t('tls.noClientCert', { peer: name })}</p>
      )}
    </div>
  );
}
