import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EndpointSpecInput, TlsSessionInfo } from '../../src/shared/contract';
import { beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/backend-harness';
import { must } from '../helpers/result';
import { eventually, spawnPeer, type PeerProcess } from '../helpers/peers';
import { usePki } from '../helpers/tls-pki';
import { inEnglish } from '../helpers/english';
import { useScratch } from '../helpers/scratch';

/**
 * The TLS server against `openssl s_client`: a certificate the app made
 * itself (and keeps), certificates from files, the client's certificate
 * shown when asked for, and a failed handshake as a sentence.
 */
const pki = usePki();
const scratch = useScratch('tls-server');
let h: Harness;
beforeEach(() => {
  h = startHarness(scratch);
});

function sClient(port: number, extra: string[]): PeerProcess {
  return scratch.track(
    spawnPeer('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, ...extra]),
  );
}

/** s_client's arguments to show the PKI's client certificate (CN=Bench Device 7). */
const asDevice7 = () => ['-cert', pki.file('client.pem'), '-key', pki.file('client.key')];

type TlsServerOptions = Omit<
  Extract<EndpointSpecInput, { kind: 'tls-server' }>,
  'kind' | 'host' | 'port'
>;

/** A TLS server on a free loopback port, opened through the API. */
const openTlsServer = (options: TlsServerOptions = {}) =>
  must(
    h.api.openEndpoint({ spec: { kind: 'tls-server', host: '127.0.0.1', port: 0, ...options } }),
  );

/** The TLS session of the n-th peer, once it has connected. */
async function session(endpointId: string, n: number): Promise<TlsSessionInfo> {
  await eventually(() => h.info(endpointId).peers[n]?.tls, `peer ${n + 1} to connect`);
  const tls = h.info(endpointId).peers[n]?.tls;
  if (!tls) throw new Error(`peer ${n + 1} has no TLS session`);
  return tls;
}

function generatedCertificate(dataDir: string): string {
  const dir = path.join(dataDir, 'tls');
  const file = readdirSync(dir).find((f) => f.endsWith('.crt.pem'));
  if (!file) throw new Error(`no certificate in ${dir}`);
  return path.join(dir, file);
}

describe('TLS server against openssl s_client', () => {
  it('serves a self-signed certificate it generated, which s_client verifies; bytes pass both ways', async () => {
    const info = await openTlsServer({
      certificate: { source: 'self-signed', names: ['localhost', '127.0.0.1'] },
    });
    expect(info.state).toBe('listening');
    expect(inEnglish(info.message)).toContain(
      'a new self-signed certificate for localhost, 127.0.0.1',
    );
    const own = info.tls?.ownCertificate;
    expect(own?.subject).toBe('CN=localhost');
    expect(own?.selfSigned).toBe(true);
    expect(own?.altNames).toEqual(['localhost', '127.0.0.1']);
    const certFile = generatedCertificate(h.dataDir);
    expect(new X509Certificate(readFileSync(certFile)).fingerprint256).toBe(own?.fingerprint256);

    const port = info.local?.port ?? 0;
    const client = sClient(port, [
      '-CAfile',
      certFile,
      '-verify_return_error',
      '-servername',
      'localhost',
    ]);
    await eventually(() => h.info(info.id).peers.length === 1, 's_client to connect');
    await eventually(
      () => client.stdout().toString().includes('Verify return code: 0 (ok)'),
      'verify ok',
    );
    const peer = h.info(info.id).peers[0];
    expect(peer?.tls?.protocol).toBe('TLSv1.3');
    expect(peer?.tls?.serverName).toBe('localhost');
    expect(peer?.tls?.peerChain).toEqual([]);
    expect(peer?.tls?.authorized).toBeNull();

    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    client.write(Buffer.from('from-s_client\n'));
    await eventually(() => h.logged(info.id, 'rx').toString() === 'from-s_client\n', 'rx bytes');
    await must(h.api.send({ endpointId: info.id, data: all }));
    await eventually(() => client.stdout().includes(all), 'all 256 byte values at s_client');
  });

  it('keeps the generated certificate for the same names, and makes another for other names', async () => {
    const spec: EndpointSpecInput = {
      kind: 'tls-server',
      host: '127.0.0.1',
      port: 0,
      certificate: { source: 'self-signed', names: ['bench.local'] },
    };
    const first = await must(h.api.openEndpoint({ spec }));
    await must(h.api.closeEndpoint({ endpointId: first.id }));
    const again = await must(h.api.openEndpoint({ spec }));
    expect(inEnglish(again.message)).toContain('the kept self-signed certificate for bench.local');
    expect(again.tls?.ownCertificate?.fingerprint256).toBe(
      first.tls?.ownCertificate?.fingerprint256,
    );
    const other = await must(
      h.api.openEndpoint({
        spec: {
          ...spec,
          certificate: { source: 'self-signed', names: ['other.local'] },
        } as EndpointSpecInput,
      }),
    );
    expect(other.tls?.ownCertificate?.fingerprint256).not.toBe(
      first.tls?.ownCertificate?.fingerprint256,
    );
  });

  it('shows the client certificate when it asks for one, verified against the client CA', async () => {
    const info = await openTlsServer({
      certificate: {
        source: 'pem',
        certFileId: await pki.upload(h.api, 'server.pem'),
        keyFileId: await pki.upload(h.api, 'server.key'),
      },
      requestClientCertificate: true,
      clientCaFileId: await pki.upload(h.api, 'ca.pem'),
    });
    expect(info.tls?.ownCertificate?.issuer).toBe('CN=Wirebench Test CA');
    sClient(info.local?.port ?? 0, asDevice7());
    const peer = await session(info.id, 0);
    expect(peer.peerChain[0]?.subject).toBe('CN=Bench Device 7');
    expect(peer.peerChain[0]?.fingerprint256).toBe(
      new X509Certificate(pki.read('client.pem')).fingerprint256,
    );
    expect(peer.authorized).toBe(true);
    expect(peer.authorizationError).toBeNull();
  });

  it('shows an untrusted client certificate with the reason, and a client that sent none', async () => {
    const info = await openTlsServer({
      certificate: {
        source: 'pkcs12',
        fileId: await pki.upload(h.api, 'client.p12'),
        passphrase: 's3cret',
      },
      requestClientCertificate: true,
    });
    expect(info.tls?.ownCertificate?.subject).toBe('CN=Bench Device 7');
    const port = info.local?.port ?? 0;
    sClient(port, asDevice7());
    const withCert = await session(info.id, 0);
    expect(withCert.authorized).toBe(false);
    expect(inEnglish(withCert.authorizationError)).toContain('unknown CA ("Wirebench Test CA")');
    sClient(port, []);
    const without = await session(info.id, 1);
    expect(without.peerChain).toEqual([]);
    expect(without.authorized).toBeNull();
  });

  it('says when a client offers no cipher it shares', async () => {
    // An ECDSA certificate cannot serve a client that offers only RSA key exchange.
    const info = await openTlsServer();
    sClient(info.local?.port ?? 0, ['-tls1_2', '-cipher', 'AES128-SHA']);
    const notice = await eventually(
      () => h.notices.find((n) => n.startsWith('TLS handshake from 127.0.0.1:')),
      'the handshake failure notice',
    );
    expect(notice).toMatch(/failed: the peer offered no shared cipher$/);
    expect(h.info(info.id).state).toBe('listening');
  });
});
