import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSelfSigned } from '../../src/main/engine/tls/self-signed';
import { EC_KEY, openssl, signLeaf, type Pki } from './tls-pki';

/**
 * Certificates that are wrong in each way a TLS peer can be, beside a
 * test PKI (tls-pki.ts): for the messages that name what is wrong. Made by
 * openssl, and by Wirebench's own generator where a date must lie in the
 * past or the future. Files, in `pki.dir`:
 * - expired.pem/.key, future.pem/.key: self-signed for 127.0.0.1, out of their validity
 * - badsig.pem, badsig-client.pem: the server's and the client's certificates with one
 *   byte of the signature changed
 * - deep-chain.pem (int1 then int0) and deep-full.pem (leaf-deep and that chain)
 * - notca.pem (a CA-signed "intermediate" that is no CA) and leaf-notca.pem/.key under it
 * - int0.pem (pathlen 0), int1.pem under it, leaf-deep.pem/.key under that
 * - other-ca.pem/.key: a CA nothing was signed by; other-client.pem/.key under it
 * - legacy.p12: the client bundle with RC2 (passphrase s3cret), refused by OpenSSL 3
 * - not-pem.txt: text that is no PEM block; noise.bin: bytes that are nothing
 */
export function makeFaultyCerts(pki: Pki): void {
  const dir = pki.dir;
  const run = (args: string[]): void => openssl(dir, args);
  const sign = (name: string, subject: string, ext: string, ca: string, caKey: string): void =>
    signLeaf(dir, name, subject, ext, ca, caKey);
  const server = 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n';

  const day = 86_400_000;
  const expired = generateSelfSigned(['127.0.0.1'], 1, new Date(Date.now() - 400 * day));
  writeFileSync(path.join(dir, 'expired.pem'), expired.cert);
  writeFileSync(path.join(dir, 'expired.key'), expired.key);
  const future = generateSelfSigned(['127.0.0.1'], 30, new Date(Date.now() + 2 * day));
  writeFileSync(path.join(dir, 'future.pem'), future.cert);
  writeFileSync(path.join(dir, 'future.key'), future.key);

  // The last byte of the DER is the last byte of the signature's s: still well formed, never valid.
  const spoil = (from: string, to: string): void => {
    const pem = readFileSync(path.join(dir, from), 'latin1');
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    der[der.length - 1] = (der[der.length - 1] ?? 0) ^ 0x01;
    const base64 = der.toString('base64').replace(/.{64}/g, '$&\n');
    writeFileSync(
      path.join(dir, to),
      `-----BEGIN CERTIFICATE-----\n${base64.trim()}\n-----END CERTIFICATE-----\n`,
    );
  };
  spoil('server.pem', 'badsig.pem');
  spoil('client.pem', 'badsig-client.pem');

  sign('notca', '/CN=Not A CA', 'basicConstraints=critical,CA:FALSE\n', 'ca.pem', 'ca.key');
  sign('leaf-notca', '/CN=localhost', server, 'notca.pem', 'notca.key');
  const caExt = (pathlen: string) =>
    `basicConstraints=critical,CA:TRUE${pathlen}\nkeyUsage=critical,keyCertSign,cRLSign\n`;
  sign('int0', '/CN=Intermediate 0', caExt(',pathlen:0'), 'ca.pem', 'ca.key');
  sign('int1', '/CN=Intermediate 1', caExt(''), 'int0.pem', 'int0.key');
  sign(
    'leaf-deep',
    '/CN=localhost',
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n',
    'int1.pem',
    'int1.key',
  );
  const text = (name: string): string => readFileSync(path.join(dir, name), 'latin1');
  writeFileSync(path.join(dir, 'deep-chain.pem'), text('int1.pem') + text('int0.pem'));
  writeFileSync(path.join(dir, 'deep-full.pem'), text('leaf-deep.pem') + text('deep-chain.pem'));

  run([
    'req',
    '-x509',
    ...EC_KEY,
    '-keyout',
    'other-ca.key',
    '-out',
    'other-ca.pem',
    '-days',
    '30',
    '-subj',
    '/CN=Somebody Else CA',
  ]);
  sign(
    'other-client',
    '/CN=Stranger',
    'extendedKeyUsage=clientAuth\n',
    'other-ca.pem',
    'other-ca.key',
  );

  run([
    'pkcs12',
    '-export',
    '-legacy',
    '-in',
    'client.pem',
    '-inkey',
    'client.key',
    '-out',
    'legacy.p12',
    '-passout',
    'pass:s3cret',
  ]);
  writeFileSync(path.join(dir, 'not-pem.txt'), 'This is a text file, not a certificate.\n');
  writeFileSync(path.join(dir, 'noise.bin'), Buffer.from([0x30, 0x03, 0x02, 0x01, 0x99, 0x42]));
}
