import { z } from 'zod';
import { DEFAULT_LISTEN_BACKLOG, host, id, listenBacklog, port, timeoutMs } from './fields';
import { messageRef, msg, says } from './message';

/**
 * TLS: the client and server kinds, the certificate material they refer to
 * (always by file id: a path is chosen in main, never typed in the window),
 * and what a handshake reveals.
 */

/** A file chosen through the dialog or uploaded; main keeps id → bytes. */
export const fileId = id;

const passphrase = z.string().max(1024);

/** A certificate and its key: two PEM files, or one PKCS#12 bundle with a passphrase. */
export const certificateSource = z.discriminatedUnion('source', [
  z.strictObject({
    source: z.literal('pem'),
    certFileId: fileId,
    keyFileId: fileId,
    passphrase: passphrase.optional(),
  }),
  z.strictObject({
    source: z.literal('pkcs12'),
    fileId,
    passphrase: passphrase.optional(),
  }),
]);
export type CertificateSource = z.infer<typeof certificateSource>;

/** A DNS name or an IP address to put in a generated certificate. */
export const certificateName = z
  .string()
  .min(1)
  .max(253)
  .refine((s) => /^[A-Za-z0-9.:*_-]*$/.test(s), says(msg('field.certificate-name-characters', {})));

/** The server's own certificate: from files, or generated here and kept for reuse. */
export const serverCertificate = z.union([
  certificateSource,
  z.strictObject({
    source: z.literal('self-signed'),
    names: z.array(certificateName).min(1).max(32).default(['localhost']),
  }),
]);
export type ServerCertificate = z.infer<typeof serverCertificate>;

const alpn = z.array(z.string().min(1).max(255)).max(16).default([]);

export const tlsClientSpec = z.strictObject({
  kind: z.literal('tls-client'),
  host,
  port: port.refine((p) => p > 0, says(msg('field.port-above-zero', {}))),
  timeoutMs: timeoutMs.default(5000),
  /** SNI and the name checked against the certificate; the host when empty. */
  serverName: z.string().max(253).default(''),
  alpn,
  /** Check the server's certificate (on unless the user turns it off, with a warning). */
  verify: z.boolean().default(true),
  /** Trusted CAs in PEM; the system's store when absent. */
  caFileId: fileId.optional(),
  clientCertificate: certificateSource.optional(),
  noDelay: z.boolean().default(true),
  /** When the peer goes away, dial again by itself with back-off until Close. */
  autoReconnect: z.boolean().default(false),
});

export const tlsServerSpec = z.strictObject({
  kind: z.literal('tls-server'),
  host,
  port,
  certificate: serverCertificate.default({ source: 'self-signed', names: ['localhost'] }),
  alpn,
  /** Ask each client for its certificate (shown; not required to connect). */
  requestClientCertificate: z.boolean().default(false),
  /** CAs a client certificate is checked against; the result is shown, not enforced. */
  clientCaFileId: fileId.optional(),
  backlog: listenBacklog.default(DEFAULT_LISTEN_BACKLOG),
});

export type TlsClientSpec = z.infer<typeof tlsClientSpec>;
export type TlsServerSpec = z.infer<typeof tlsServerSpec>;

/** One certificate as a person reads it. */
export const certificateSummary = z.strictObject({
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  /** SHA-256 over the DER, as colon-separated hex. */
  fingerprint256: z.string(),
  /** DNS names and IP addresses the certificate is for. */
  altNames: z.array(z.string()),
  serialNumber: z.string(),
  selfSigned: z.boolean(),
});
export type CertificateSummary = z.infer<typeof certificateSummary>;

/** What one handshake produced, for a peer row and the certificate panel. */
export const tlsSessionInfo = z.strictObject({
  protocol: z.string().nullable(),
  cipher: z.string().nullable(),
  alpn: z.string().nullable(),
  serverName: z.string().nullable(),
  /** Did the peer's certificate verify? null when none was sent. */
  authorized: z.boolean().nullable(),
  /** Why it did not verify (a tls.* message). */
  authorizationError: messageRef.nullable(),
  /** The peer's chain, leaf first. Empty when it sent none. */
  peerChain: z.array(certificateSummary),
});
export type TlsSessionInfo = z.infer<typeof tlsSessionInfo>;

/** Endpoint-level TLS facts: our own certificate, and whether checks are off. */
export const tlsEndpointInfo = z.strictObject({
  verificationOff: z.boolean(),
  ownCertificate: certificateSummary.nullable(),
});
export type TlsEndpointInfo = z.infer<typeof tlsEndpointInfo>;

/** A chosen file as the window may see it: never its path's directory. */
export const fileRef = z.strictObject({ fileId, name: z.string(), size: z.number() });
export type FileRef = z.infer<typeof fileRef>;
