import { X509Certificate } from 'node:crypto';
import type tls from 'node:tls';
import type { CertificateSummary, TlsSessionInfo } from '../../../shared/contract';
import { describeVerifyError, type TlsErrorContext } from './tls-errors';

/** Node prints "DNS:a, IP Address:1.2.3.4"; a person wants "a, 1.2.3.4". */
function altNames(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/,\s*/)
    .map((part) => part.replace(/^(DNS|IP Address|email|URI):/, '').trim())
    .filter((part) => part.length > 0);
}

function utc(date: string): string {
  const parsed = new Date(date);
  return Number.isNaN(parsed.getTime()) ? date : parsed.toISOString().replace(/\.000Z$/, 'Z');
}

/** One certificate (DER or PEM) as subject, issuer, validity, fingerprint and names. */
export function summarizeCertificate(raw: Buffer | string): CertificateSummary {
  const cert = new X509Certificate(raw);
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    validFrom: utc(cert.validFrom),
    validTo: utc(cert.validTo),
    fingerprint256: cert.fingerprint256,
    altNames: altNames(cert.subjectAltName),
    serialNumber: cert.serialNumber,
    selfSigned: cert.subject === cert.issuer && cert.verify(cert.publicKey),
  };
}

/** The chain the peer sent, leaf first, stopping where it loops back on itself. */
export function peerChain(socket: tls.TLSSocket): CertificateSummary[] {
  const chain: CertificateSummary[] = [];
  let cert = socket.getPeerCertificate(true) as tls.DetailedPeerCertificate | undefined;
  const seen = new Set<string>();
  while (cert?.raw && chain.length < 16 && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    try {
      chain.push(summarizeCertificate(cert.raw));
    } catch {
      break; // a certificate Node could parse but X509Certificate cannot: show what we have
    }
    cert = cert.issuerCertificate;
  }
  return chain;
}

/** Everything the handshake settled, for the peer row and the certificate panel. */
export function sessionInfo(
  socket: tls.TLSSocket,
  ctx: Omit<TlsErrorContext, 'cert' | 'root'>,
): TlsSessionInfo {
  const chain = peerChain(socket);
  const cipher = socket.getCipher() as tls.CipherNameAndProtocol | undefined;
  const error = socket.authorizationError as unknown;
  const code =
    error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : error;
  return {
    protocol: socket.getProtocol() ?? null,
    cipher: cipher?.standardName ?? cipher?.name ?? null,
    alpn: typeof socket.alpnProtocol === 'string' ? socket.alpnProtocol : null,
    serverName: ctx.serverName || null,
    authorized: chain.length === 0 ? null : socket.authorized,
    authorizationError:
      socket.authorized || chain.length === 0 || !code
        ? null
        : describeVerifyError(String(code), { ...ctx, cert: chain[0], root: chain.at(-1) }),
    peerChain: chain,
  };
}
