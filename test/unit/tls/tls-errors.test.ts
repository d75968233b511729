import { describe, expect, it } from 'vitest';
import {
  describeMaterialError,
  describeTlsError,
  describeVerifyError,
} from '../../../src/main/engine/tls/tls-errors';
import { msg } from '../../../src/shared/messages/catalogue';
import { englishOf } from '../../../src/shared/messages/plain-formats';

const client = msg('tls.role.client', {});
const bundle = (file: string) => msg('tls.what.bundle', { role: client, file });
const keyOf = (file: string) => msg('tls.what.pair', { role: client, cert: 'c.pem', key: file });

const ctx = { host: '127.0.0.1', port: 8443, serverName: '127.0.0.1' };
const err = (code: string, reason?: string): Error =>
  Object.assign(new Error(`boom ${code}`), { code, reason });

describe('TLS failures as sentences', () => {
  it('turns alerts and local failures into words, never OpenSSL codes', () => {
    const cases: Array<[string, string]> = [
      ['ERR_SSL_NO_SHARED_CIPHER', 'the peer offered no shared cipher'],
      ['ERR_SSL_WRONG_VERSION_NUMBER', 'did not answer with TLS'],
      ['ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'does not trust the CA of our certificate'],
      ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'requires a client certificate'],
      ['ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL', 'no ALPN protocol in common'],
    ];
    for (const [code, words] of cases) {
      const sentence = englishOf(describeTlsError(err(code), ctx));
      expect(sentence).toContain('TLS handshake with 127.0.0.1:8443 failed: ');
      expect(sentence).toContain(words);
      expect(sentence).not.toContain(code);
    }
    expect(englishOf(describeTlsError(err('ERR_SSL_SOMETHING_NEW', 'odd thing'), ctx))).toBe(
      'TLS handshake with 127.0.0.1:8443 failed: odd thing',
    );
    expect(englishOf(describeTlsError(err('ECONNREFUSED'), ctx))).toBe(
      'Connection to 127.0.0.1:8443 was refused: nothing is listening there',
    );
    expect(englishOf(describeTlsError(err('ECONNRESET'), ctx))).toContain(
      'during the TLS handshake',
    );
  });

  it('names what the certificate says when it does not verify', () => {
    const cert = {
      subject: 'CN=device.example',
      issuer: 'CN=Factory CA, O=Acme',
      validFrom: '2020-01-01T00:00:00Z',
      validTo: '2021-01-01T00:00:00Z',
      fingerprint256: 'AA',
      altNames: ['device.example', '10.0.0.5'],
      serialNumber: '01',
      selfSigned: false,
    };
    expect(englishOf(describeVerifyError('ERR_TLS_CERT_ALTNAME_INVALID', { ...ctx, cert }))).toBe(
      'The certificate for device.example, 10.0.0.5 does not match 127.0.0.1',
    );
    expect(englishOf(describeVerifyError('CERT_HAS_EXPIRED', { ...ctx, cert }))).toBe(
      'The certificate of 127.0.0.1:8443 ("device.example") expired on 2021-01-01T00:00:00Z',
    );
    expect(
      englishOf(describeVerifyError('UNABLE_TO_GET_ISSUER_CERT_LOCALLY', { ...ctx, cert })),
    ).toContain('issued by an unknown CA ("Factory CA")');
    expect(
      englishOf(describeVerifyError('SELF_SIGNED_CERT_IN_CHAIN', { ...ctx, cert, root: cert })),
    ).toContain('self-signed CA "device.example"');
  });

  it('tells a wrong passphrase from a file of the wrong kind', () => {
    expect(
      englishOf(describeMaterialError(err('ERR_OSSL_PKCS12_MAC_VERIFY_FAILURE'), bundle('a.p12'))),
    ).toBe('The passphrase for the client bundle a.p12 is wrong, or missing');
    expect(
      englishOf(
        describeMaterialError(
          Object.assign(new Error('error:0308010C:digital envelope routines::unsupported'), {
            code: 'ERR_OSSL_EVP_UNSUPPORTED',
          }),
          bundle('old.p12'),
        ),
      ),
    ).toContain('an algorithm');
    expect(
      englishOf(
        describeMaterialError(
          Object.assign(new Error('error:1E08010C:DECODER routines::unsupported'), {
            code: 'ERR_OSSL_UNSUPPORTED',
          }),
          keyOf('k.pem'),
        ),
      ),
    ).toContain('not in a format Wirebench can read');
    expect(
      englishOf(describeMaterialError(err('ERR_OSSL_PEM_NO_START_LINE'), keyOf('k.pem'))),
    ).toContain('holds no PEM block');
  });
});
