import type { ParamKind } from './catalogue';

/**
 * TLS: certificates that did not verify, handshakes that failed and why
 * (`reason` is one of the tls.reason.* messages), certificate files that
 * could not be used (`what` names them: tls.what.*, tls.file.*), and the
 * state lines of TLS connections. `subject`, `issuer` and `names` are what
 * the certificate says; `detail` is OpenSSL's or Node's own words.
 */
export const tlsCatalogue = {
  // A certificate that did not verify (describeVerifyError).
  'tls.name-mismatch': { names: 'text', serverName: 'text' },
  'tls.name-mismatch-unknown': { serverName: 'text' },
  'tls.cert-expired': { where: 'text', subject: 'text', date: 'text' },
  'tls.cert-not-yet-valid': { where: 'text', subject: 'text', date: 'text' },
  'tls.self-signed': { where: 'text', subject: 'text' },
  'tls.self-signed-ca': { where: 'text', ca: 'text' },
  'tls.unknown-ca': { where: 'text', issuer: 'text' },
  'tls.bad-signature': { where: 'text' },
  'tls.revoked': { where: 'text' },
  'tls.untrusted': { where: 'text' },
  'tls.wrong-purpose': { where: 'text' },
  'tls.invalid-ca': { where: 'text' },
  'tls.verify-failed': { where: 'text', code: 'text' },
  'tls.verification-off': { reason: 'message' },
  // A handshake (or a TLS stream) that failed.
  'tls.handshake-failed': { where: 'text', reason: 'message' },
  'tls.handshake-failed-from': { where: 'text', reason: 'message' },
  'tls.ended': { where: 'text', reason: 'message' },
  'tls.closed-during-handshake': { where: 'text' },
  'tls.closed-before-handshake': { where: 'text' },
  'tls.handshake-timeout': { where: 'text', timeoutMs: 'ms' },
  'tls.reason.no-shared-cipher': {},
  'tls.reason.handshake-refused': {},
  'tls.reason.version-refused': {},
  'tls.reason.version-unsupported': {},
  'tls.reason.not-tls': {},
  'tls.reason.http-request': {},
  'tls.reason.unknown-ca': {},
  'tls.reason.certificate-rejected': {},
  'tls.reason.certificate-expired': {},
  'tls.reason.certificate-required': {},
  'tls.reason.no-certificate': {},
  'tls.reason.no-alpn': {},
  'tls.reason.decrypt-error': {},
  'tls.reason.internal-error': {},
  'tls.reason.access-denied': {},
  'tls.reason.unrecognized-name': {},
  'tls.reason.unexpected-eof': {},
  'tls.reason.other': { detail: 'text' },
  // Certificate material that could not be used (describeMaterialError).
  'tls.material.wrong-passphrase': { what: 'message' },
  'tls.material.key-mismatch': { what: 'message' },
  'tls.material.no-pem': { what: 'message' },
  'tls.material.old-algorithm': { what: 'message' },
  'tls.material.unknown-format': { what: 'message' },
  'tls.material.load-failed': { what: 'message', detail: 'text' },
  'tls.material.no-certificate': { what: 'message' },
  'tls.role.client': {},
  'tls.role.server': {},
  'tls.what.ca-file': { file: 'text' },
  'tls.what.client-ca-file': { file: 'text' },
  'tls.what.bundle': { role: 'message', file: 'text' },
  'tls.what.pair': { role: 'message', cert: 'text', key: 'text' },
  'tls.file.ca': {},
  'tls.file.client-ca': {},
  'tls.file.pkcs12': { role: 'message' },
  'tls.file.certificate': { role: 'message' },
  'tls.file.key': { role: 'message' },
  'tls.origin.kept': { names: 'text' },
  'tls.origin.new': { names: 'text' },
  // A file chosen for TLS (file-store.ts).
  'file.not-readable': { name: 'text' },
  'file.forgotten': { what: 'message' },
  'file.gone': { what: 'message', name: 'text' },
  'file.no-access': { what: 'message', name: 'text' },
  'file.no-dialog': {},
  // State lines.
  'state.connecting-tls': { where: 'text' },
  'state.connected-tls': { where: 'text', protocol: 'text' },
  'state.connected-tls-unverified': { where: 'text', protocol: 'text' },
  'state.peer-finished-tls': { where: 'text' },
  'state.listening-tls': { where: 'text', origin: 'message' },
} as const satisfies Record<string, Record<string, ParamKind>>;
