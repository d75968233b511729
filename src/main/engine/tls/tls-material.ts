import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import type {
  CertificateSource,
  CertificateSummary,
  ServerCertificate,
} from '../../../shared/contract';
import { msg, type MessageRef } from '../../../shared/messages/catalogue';
import { selfSignedFor } from './certificate-store';
import type { EndpointContext } from '../endpoint';
import type { FileStore } from '../file-store';
import { EndpointError } from '../system-errors';
import { describeMaterialError } from './tls-errors';
import { summarizeCertificate } from './tls-session';

/** The parts of tls.SecureContextOptions a certificate source fills in. */
export type Material = Pick<tls.SecureContextOptions, 'cert' | 'key' | 'pfx' | 'passphrase'>;

/** Reads a certificate source's files into secure-context options. */
export type Role = 'client' | 'server';

const roleOf = (role: Role): MessageRef =>
  msg(role === 'client' ? 'tls.role.client' : 'tls.role.server', {});

export async function loadCertificate(
  source: CertificateSource,
  files: FileStore,
  role: Role,
): Promise<Material> {
  const r = roleOf(role);
  if (source.source === 'pkcs12') {
    return {
      pfx: await files.read(source.fileId, msg('tls.file.pkcs12', { role: r })),
      passphrase: source.passphrase,
    };
  }
  return {
    cert: await files.read(source.certFileId, msg('tls.file.certificate', { role: r })),
    key: await files.read(source.keyFileId, msg('tls.file.key', { role: r })),
    passphrase: source.passphrase,
  };
}

/** The files of a source as a person names them, for the messages (tls.what.*). */
export function describeSource(
  source: CertificateSource,
  files: FileStore,
  role: Role,
): MessageRef {
  const r = roleOf(role);
  return source.source === 'pkcs12'
    ? msg('tls.what.bundle', { role: r, file: files.name(source.fileId) })
    : msg('tls.what.pair', {
        role: r,
        cert: files.name(source.certFileId),
        key: files.name(source.keyFileId),
      });
}

/**
 * Builds a secure context now, so a bad file or passphrase is reported
 * before any connection is attempted.
 */
export function checkMaterial(options: tls.SecureContextOptions, what: MessageRef): void {
  try {
    tls.createSecureContext(options);
  } catch (err) {
    throw new EndpointError(describeMaterialError(err, what));
  }
}

/**
 * A CA file must hold certificates: OpenSSL silently skips anything else,
 * which would turn a wrong file into a puzzling "unknown CA" later.
 */
export function checkCertificates(data: Buffer, what: MessageRef): void {
  const pem = data.toString('latin1');
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g);
  try {
    if (blocks) blocks.forEach((block) => new X509Certificate(block));
    else new X509Certificate(data);
  } catch {
    throw new EndpointError(msg('tls.material.no-certificate', { what }));
  }
}

/** What a listening side needs: its secure-context options and its own certificate, summarized. */
export interface ServerMaterial {
  options: tls.SecureContextOptions;
  ownCertificate: CertificateSummary | null;
  /** Where the certificate came from, for the state line. */
  origin: MessageRef;
}

/** Loads or generates the certificate a listener shows its clients. */
export async function serverMaterial(
  certificate: ServerCertificate,
  ctx: Pick<EndpointContext, 'files' | 'dataDir'>,
): Promise<ServerMaterial> {
  if (certificate.source === 'self-signed') {
    const made = await selfSignedFor(certificate.names, ctx.dataDir);
    return {
      options: { cert: made.cert, key: made.key },
      ownCertificate: summarizeCertificate(made.cert),
      origin: msg(made.reused ? 'tls.origin.kept' : 'tls.origin.new', {
        names: certificate.names.join(', '),
      }),
    };
  }
  const options = await loadCertificate(certificate, ctx.files, 'server');
  const what = describeSource(certificate, ctx.files, 'server');
  checkMaterial(options, what);
  return { options, ownCertificate: ownCertificateOf(options), origin: what };
}

/** Our own leaf certificate, read back from a secure context (works for PKCS#12 too). */
function ownCertificateOf(options: tls.SecureContextOptions): CertificateSummary | null {
  try {
    const context = tls.createSecureContext(options).context as {
      getCertificate?: () => Buffer | null;
    };
    const der = context.getCertificate?.();
    return der ? summarizeCertificate(der) : null;
  } catch {
    return null;
  }
}
