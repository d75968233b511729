import type { CertificateSummary } from '../../../shared/contract';
import { formatHostPort } from '../../../shared/net/address';
import { describeSocketError } from '../system-errors';

/** Who we were talking to, and what they showed us, to shape the sentence. */
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

function cn(dn: string | undefined): string {
  if (!dn) return 'an unnamed certificate';
  const match = /(?:^|\n|, ?)CN=([^\n,]+)/.exec(dn);
  return match?.[1] ? `"${match[1]}"` : `"${dn.replace(/\n/g, ', ')}"`;
}

function names(cert: CertificateSummary | null | undefined): string {
  if (!cert) return 'another name';
  if (cert.altNames.length > 0) return cert.altNames.join(', ');
  return cn(cert.subject);
}

/**
 * Why a certificate did not verify, as a sentence. `code` is what Node puts
 * in `authorizationError` (an OpenSSL X509_V_ERR name, or
 * ERR_TLS_CERT_ALTNAME_INVALID for a name mismatch).
 */
export function describeVerifyError(code: string, ctx: TlsErrorContext): string {
  const where = formatHostPort(ctx.host, ctx.port);
  const cert = ctx.cert;
  switch (code) {
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HOSTNAME_MISMATCH':
      return `The certificate for ${names(cert)} does not match ${ctx.serverName}`;
    case 'CERT_HAS_EXPIRED':
      return `The certificate of ${where} (${cn(cert?.subject)}) expired on ${cert?.validTo ?? 'an earlier date'}`;
    case 'CERT_NOT_YET_VALID':
      return `The certificate of ${where} (${cn(cert?.subject)}) is not valid before ${cert?.validFrom ?? 'a later date'}`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return `The self-signed certificate of ${where} (${cn(cert?.subject)}) is not trusted: choose it as the CA file, or turn verification off`;
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `The certificate of ${where} comes from the self-signed CA ${cn(ctx.root?.subject)}, which is not trusted: choose that CA as the CA file`;
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return `The certificate of ${where} was issued by an unknown CA (${cn(cert?.issuer)}): choose that CA as the CA file`;
    case 'CERT_SIGNATURE_FAILURE':
      return `The certificate of ${where} has a signature that does not verify`;
    case 'CERT_REVOKED':
      return `The certificate of ${where} has been revoked`;
    case 'CERT_UNTRUSTED':
    case 'CERT_REJECTED':
      return `The certificate of ${where} is not trusted for this use`;
    case 'INVALID_PURPOSE':
      return `The certificate of ${where} is not meant for this side of a TLS connection`;
    case 'INVALID_CA':
      return `A CA certificate in the chain of ${where} is not allowed to sign certificates`;
    default:
      return `The certificate of ${where} did not verify (${code})`;
  }
}

/** The alert the peer sent, or the local failure, in words. */
const HANDSHAKE_REASONS: Record<string, string> = {
  ERR_SSL_NO_SHARED_CIPHER: 'the peer offered no shared cipher',
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE:
    'the peer refused the handshake (no shared cipher, protocol version or required certificate)',
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 'the peer does not accept our TLS version',
  ERR_SSL_UNSUPPORTED_PROTOCOL: 'the peer offered only a TLS version we do not accept',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the peer did not answer with TLS (is it a plain TCP service?)',
  ERR_SSL_HTTP_REQUEST: 'the peer sent a plain HTTP request instead of a TLS handshake',
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'the peer does not trust the CA of our certificate',
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'the peer rejected our certificate',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN: 'the peer rejected our certificate',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: 'the peer says our certificate has expired',
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED:
    'the peer requires a client certificate and none was given',
  ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE: 'the peer sent no certificate, and one is required',
  ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL: 'the peer accepts none of our ALPN protocols',
  ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR: 'the peer could not verify our signature (wrong key?)',
  ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR: 'the peer reported an internal error',
  ERR_SSL_TLSV1_ALERT_ACCESS_DENIED: 'the peer denied access',
  ERR_SSL_TLSV1_UNRECOGNIZED_NAME: 'the peer does not know the server name we asked for',
  ERR_SSL_TLSV1_ALERT_UNRECOGNIZED_NAME: 'the peer does not know the server name we asked for',
  ERR_SSL_UNEXPECTED_EOF_WHILE_READING: 'the peer closed the connection in the middle of TLS',
};

/**
 * A failed handshake (or a TLS failure later on) as a sentence: the peer's
 * alert or our own check, never OpenSSL's "error:0A000410:SSL routines::…".
 */
export function describeTlsError(
  err: unknown,
  ctx: TlsErrorContext & { action?: 'connect' | 'accept' },
): string {
  const e = err as (NodeJS.ErrnoException & { reason?: string }) | undefined;
  const code = e?.code ?? '';
  const where = formatHostPort(ctx.host, ctx.port);
  const verb = ctx.action === 'accept' ? 'from' : 'with';
  const known = HANDSHAKE_REASONS[code];
  if (known) return `TLS handshake ${verb} ${where} failed: ${known}`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /^[A-Z_]+_CERT|^CERT_|_CERT$/.test(code)) {
    return describeVerifyError(code, ctx);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return `${where} closed the connection during the TLS handshake (does it speak TLS on this port?)`;
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_OSSL_')) {
    const reason =
      e?.reason ??
      code
        .replace(/^ERR_(SSL|OSSL)_/, '')
        .toLowerCase()
        .replace(/_/g, ' ');
    return `TLS handshake ${verb} ${where} failed: ${reason}`;
  }
  if (/^E[A-Z]+$/.test(code)) {
    return describeSocketError(err, {
      action: 'connect',
      host: ctx.host,
      port: ctx.port,
      timeoutMs: ctx.timeoutMs,
    });
  }
  const message = e instanceof Error ? e.message : String(err);
  return `TLS handshake ${verb} ${where} failed: ${message}`;
}

/**
 * Why a certificate, key or bundle could not be loaded, naming the files.
 * `what` says which material, e.g. "the client certificate server.pem".
 */
export function describeMaterialError(err: unknown, what: string): string {
  const e = err as (NodeJS.ErrnoException & { reason?: string }) | undefined;
  const code = e?.code ?? '';
  const text = `${code} ${e?.message ?? ''}`.toLowerCase().replace(/_/g, ' ');
  if (/mac verify failure|bad decrypt|bad password|maybe wrong password/.test(text)) {
    return `The passphrase for ${what} is wrong, or missing`;
  }
  if (/key values mismatch/.test(text)) {
    return `The key does not belong to the certificate in ${what}`;
  }
  if (/no start line/.test(text)) {
    return `${what} holds no PEM block (-----BEGIN …-----) of the kind needed`;
  }
  // "digital envelope routines::unsupported": an old PKCS#12 cipher OpenSSL 3 left out.
  if (/envelope routines.*unsupported/.test(text)) {
    return `${what} uses an algorithm this system's OpenSSL does not support (for a PKCS#12 bundle: re-export it with AES instead of RC2/3DES)`;
  }
  if (/not enough data|header too long|unsupported|wrong tag|asn1|decode/.test(text)) {
    return `${what} is not in a format Wirebench can read (expected PEM or PKCS#12)`;
  }
  const reason = e?.reason ?? (e instanceof Error ? e.message : String(err));
  return `Could not load ${what}: ${reason}`;
}

/** A failure after the handshake (an alert mid-stream, or a plain socket error). */
export function describeTlsStreamError(err: Error, where: { host: string; port: number }): string {
  const e = err as NodeJS.ErrnoException & { reason?: string };
  const code = e.code ?? '';
  const peer = formatHostPort(where.host, where.port);
  const known = HANDSHAKE_REASONS[code];
  if (known) return `TLS with ${peer} ended: ${known}`;
  if (code.startsWith('ERR_SSL_')) {
    return `TLS with ${peer} ended: ${e.reason ?? code.slice(8).toLowerCase().replace(/_/g, ' ')}`;
  }
  return describeSocketError(err, { action: 'receive', ...where });
}
