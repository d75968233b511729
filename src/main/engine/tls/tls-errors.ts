import type { CertificateSummary } from '../../../shared/contract';
import { msg, type MessageCode, type MessageRef } from '../../../shared/messages/catalogue';
import { formatHostPort } from '../../../shared/net/address';
import { describeSocketError } from '../system-errors';

/** Who we were talking to, and what they showed us, to shape the message. */
export interface TlsErrorContext {
  host: string;
  port: number;
  /** The name we checked the certificate against (SNI or host). */
  serverName: string;
  /** The peer's leaf certificate, when the handshake got that far. */
  cert?: CertificateSummary | null;
  /** The last certificate of the chain the peer sent. */
  root?: CertificateSummary | null;
  timeoutMs?: number;
}

/** A certificate's name as a person knows it: its CN in quotes, or its whole DN. */
function cn(dn: string | undefined): string {
  if (!dn) return '?';
  const match = /(?:^|\n|, ?)CN=([^\n,]+)/.exec(dn);
  return match?.[1] ? `"${match[1]}"` : `"${dn.replace(/\n/g, ', ')}"`;
}

/**
 * Why a certificate did not verify. `code` is what Node puts in
 * `authorizationError` (an OpenSSL X509_V_ERR name, or
 * ERR_TLS_CERT_ALTNAME_INVALID for a name mismatch).
 */
export function describeVerifyError(code: string, ctx: TlsErrorContext): MessageRef {
  const where = formatHostPort(ctx.host, ctx.port);
  const cert = ctx.cert;
  const subject = cn(cert?.subject);
  switch (code) {
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HOSTNAME_MISMATCH':
      if (!cert) return msg('tls.name-mismatch-unknown', { serverName: ctx.serverName });
      return msg('tls.name-mismatch', {
        names: cert.altNames.length > 0 ? cert.altNames.join(', ') : subject,
        serverName: ctx.serverName,
      });
    case 'CERT_HAS_EXPIRED':
      return msg('tls.cert-expired', { where, subject, date: cert?.validTo ?? '?' });
    case 'CERT_NOT_YET_VALID':
      return msg('tls.cert-not-yet-valid', { where, subject, date: cert?.validFrom ?? '?' });
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return msg('tls.self-signed', { where, subject });
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return msg('tls.self-signed-ca', { where, ca: cn(ctx.root?.subject) });
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return msg('tls.unknown-ca', { where, issuer: cn(cert?.issuer) });
    case 'CERT_SIGNATURE_FAILURE':
      return msg('tls.bad-signature', { where });
    case 'CERT_REVOKED':
      return msg('tls.revoked', { where });
    case 'CERT_UNTRUSTED':
    case 'CERT_REJECTED':
      return msg('tls.untrusted', { where });
    case 'INVALID_PURPOSE':
      return msg('tls.wrong-purpose', { where });
    case 'INVALID_CA':
      return msg('tls.invalid-ca', { where });
    default:
      return msg('tls.verify-failed', { where, code });
  }
}

/** The alert the peer sent, or the local failure, as a tls.reason.* message. */
const HANDSHAKE_REASONS: Record<string, MessageCode> = {
  ERR_SSL_NO_SHARED_CIPHER: 'tls.reason.no-shared-cipher',
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: 'tls.reason.handshake-refused',
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 'tls.reason.version-refused',
  ERR_SSL_UNSUPPORTED_PROTOCOL: 'tls.reason.version-unsupported',
  ERR_SSL_WRONG_VERSION_NUMBER: 'tls.reason.not-tls',
  ERR_SSL_HTTP_REQUEST: 'tls.reason.http-request',
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'tls.reason.unknown-ca',
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'tls.reason.certificate-rejected',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN: 'tls.reason.certificate-rejected',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: 'tls.reason.certificate-expired',
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 'tls.reason.certificate-required',
  ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE: 'tls.reason.no-certificate',
  ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL: 'tls.reason.no-alpn',
  ERR_SSL_NO_APPLICATION_PROTOCOL: 'tls.reason.no-alpn',
  ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR: 'tls.reason.decrypt-error',
  ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR: 'tls.reason.internal-error',
  ERR_SSL_TLSV1_ALERT_ACCESS_DENIED: 'tls.reason.access-denied',
  ERR_SSL_TLSV1_UNRECOGNIZED_NAME: 'tls.reason.unrecognized-name',
  ERR_SSL_TLSV1_ALERT_UNRECOGNIZED_NAME: 'tls.reason.unrecognized-name',
  ERR_SSL_UNEXPECTED_EOF_WHILE_READING: 'tls.reason.unexpected-eof',
};

/** A known reason, or OpenSSL's own words for an unknown one. */
function reasonOf(code: string, e: { reason?: string } | undefined): MessageRef | null {
  const known = HANDSHAKE_REASONS[code];
  if (known) return { code: known, params: {} } as MessageRef;
  if (!code.startsWith('ERR_SSL_') && !code.startsWith('ERR_OSSL_')) return null;
  const said = code
    .replace(/^ERR_(SSL|OSSL)_/, '')
    .toLowerCase()
    .replace(/_/g, ' ');
  return msg('tls.reason.other', { detail: e?.reason ?? said });
}

/**
 * A failed handshake (or a TLS failure later on): the peer's alert or our
 * own check, never OpenSSL's "error:0A000410:SSL routines::…".
 */
export function describeTlsError(
  err: unknown,
  ctx: TlsErrorContext & { action?: 'connect' | 'accept' },
): MessageRef {
  const e = err as (NodeJS.ErrnoException & { reason?: string }) | undefined;
  const code = e?.code ?? '';
  const where = formatHostPort(ctx.host, ctx.port);
  const failed = ctx.action === 'accept' ? 'tls.handshake-failed-from' : 'tls.handshake-failed';
  if (HANDSHAKE_REASONS[code]) return msg(failed, { where, reason: reasonOf(code, e)! });
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /^[A-Z_]+_CERT|^CERT_|_CERT$/.test(code)) {
    return describeVerifyError(code, ctx);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return msg('tls.closed-during-handshake', { where });
  }
  const reason = reasonOf(code, e);
  if (reason) return msg(failed, { where, reason });
  if (/^E[A-Z]+$/.test(code)) {
    return describeSocketError(err, {
      action: 'connect',
      host: ctx.host,
      port: ctx.port,
      timeoutMs: ctx.timeoutMs,
    });
  }
  const detail = e instanceof Error ? e.message : String(err);
  return msg(failed, { where, reason: msg('tls.reason.other', { detail }) });
}

/**
 * Why a certificate, key or bundle could not be loaded. `what` names the
 * files (a tls.what.* message).
 */
export function describeMaterialError(err: unknown, what: MessageRef): MessageRef {
  const e = err as (NodeJS.ErrnoException & { reason?: string }) | undefined;
  const code = e?.code ?? '';
  const text = `${code} ${e?.message ?? ''}`.toLowerCase().replace(/_/g, ' ');
  if (/mac verify failure|bad decrypt|bad password|maybe wrong password/.test(text)) {
    return msg('tls.material.wrong-passphrase', { what });
  }
  if (/key values mismatch/.test(text)) return msg('tls.material.key-mismatch', { what });
  if (/no start line/.test(text)) return msg('tls.material.no-pem', { what });
  // An old PKCS#12 cipher (RC2, 3DES) OpenSSL 3 left out: "digital envelope
  // routines::unsupported" from OpenSSL, "Unsupported PKCS12 PFX data" from Node.
  if (/envelope routines.*unsupported|unsupported pkcs12 pfx data/.test(text)) {
    return msg('tls.material.old-algorithm', { what });
  }
  if (
    /not enough data|header too long|unsupported|wrong tag|field missing|asn1|decode/.test(text)
  ) {
    return msg('tls.material.unknown-format', { what });
  }
  const detail = e?.reason ?? (e instanceof Error ? e.message : String(err));
  return msg('tls.material.load-failed', { what, detail });
}

/** A failure after the handshake (an alert mid-stream, or a plain socket error). */
export function describeTlsStreamError(
  err: Error,
  where: { host: string; port: number },
): MessageRef {
  const e = err as NodeJS.ErrnoException & { reason?: string };
  const code = e.code ?? '';
  const reason = code.startsWith('ERR_SSL_') || HANDSHAKE_REASONS[code] ? reasonOf(code, e) : null;
  if (reason) return msg('tls.ended', { where: formatHostPort(where.host, where.port), reason });
  return describeSocketError(err, { action: 'receive', ...where });
}
