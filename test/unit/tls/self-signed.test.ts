import { X509Certificate, createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { integer, oid, time } from '../../../src/main/engine/tls/der';
import { generateSelfSigned } from '../../../src/main/engine/tls/self-signed';

describe('DER pieces', () => {
  it('encodes OIDs, integers and times as X.690 says', () => {
    expect(oid('1.2.840.10045.4.3.2').toString('hex')).toBe('06082a8648ce3d040302');
    expect(integer(Buffer.from([0x80])).toString('hex')).toBe('02020080');
    expect(integer(Buffer.from([0, 0, 5])).toString('hex')).toBe('020105');
    expect(time(new Date('2030-01-02T03:04:05Z')).toString('ascii').slice(2)).toBe('300102030405Z');
    expect(time(new Date('2051-01-02T03:04:05Z')).toString('ascii').slice(2)).toBe(
      '20510102030405Z',
    );
  });
});

describe('generateSelfSigned', () => {
  it('makes a certificate Node parses, signed by its own key, with the names asked for', () => {
    const { cert, key } = generateSelfSigned(['device.test', '127.0.0.1', '::1'], 30);
    const x509 = new X509Certificate(cert);
    expect(x509.subject).toBe('CN=device.test');
    expect(x509.issuer).toBe('CN=device.test');
    expect(x509.subjectAltName).toBe(
      'DNS:device.test, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
    );
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect(x509.checkHost('device.test')).toBe('device.test');
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    const days = (Date.parse(x509.validTo) - Date.parse(x509.validFrom)) / 86_400_000;
    expect(Math.round(days * 24)).toBe(30 * 24 + 1);
  });
});
