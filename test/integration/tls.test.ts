import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import { generateSelfSigned } from '../../src/main/engine/tls/self-signed';
import { startHarness, type Harness } from '../helpers/backend-harness';
import { must, refusal } from '../helpers/result';
import { eventually, freePort, type PeerProcess } from '../helpers/peers';
import { spawnSServer, usePki } from '../helpers/tls-pki';
import { inEnglish } from '../helpers/english';
import { useScratch } from '../helpers/scratch';

/**
 * The TLS client against `openssl s_server`, with certificates openssl
 * made: verification with the right CA, each way it can fail as a
 * sentence, mutual TLS with PEM and PKCS#12 client certificates.
 */
const pki = usePki();
const scratch = useScratch('tls-client');
let h: Harness;
/** The s_servers this test started, in order. */
let servers: PeerProcess[];
beforeEach(() => {
  h = startHarness(scratch);
  servers = [];
});

async function sServer(cert: string, key: string, extra: string[] = []): Promise<number> {
  const { peer, port } = await spawnSServer(cert, key, extra);
  servers.push(scratch.track(peer));
  return port;
}

/** s_server with the PKI's server certificate, requiring a client certificate from its CA. */
const clientCertServer = () =>
  sServer(pki.file('server.pem'), pki.file('server.key'), [
    '-Verify',
    '1',
    '-CAfile',
    pki.file('ca.pem'),
  ]);

/** Sends a line to the (first) s_server and waits for it there; what s_server printed so far. */
async function sendToServer(endpointId: string, line: string): Promise<string> {
  const server = servers[0] as PeerProcess;
  await must(h.api.send({ endpointId, data: new TextEncoder().encode(`${line}\n`) }));
  await eventually(() => server.stdout().includes(line), 's_server to get our bytes');
  return server.stdout().toString();
}

/** The sentence a TLS client to 127.0.0.1:`port` fails with (`options`: the rest of its spec). */
const clientRefusal = (port: number, options: Record<string, unknown> = {}) =>
  refusal(h, 'openEndpoint', { spec: { kind: 'tls-client', host: '127.0.0.1', port, ...options } });

/** A self-signed certificate written to the PKI folder, for s_server to show. */
function selfSigned(name: string, names: string[], days = 30, now = new Date()): void {
  const made = generateSelfSigned(names, days, now);
  writeFileSync(pki.file(`${name}.pem`), made.cert);
  writeFileSync(pki.file(`${name}.key`), made.key);
}

describe('TLS client against openssl s_server', () => {
  it('verifies with the CA, shows the chain, protocol, cipher and ALPN, and passes bytes both ways', async () => {
    const port = await sServer(pki.file('server.pem'), pki.file('server.key'), [
      '-alpn',
      'wb/1,h2',
    ]);
    const info = await must(
      h.api.openEndpoint({
        spec: {
          kind: 'tls-client',
          host: '127.0.0.1',
          port,
          caFileId: await pki.upload(h.api, 'ca.pem'),
          alpn: ['wb/1'],
        },
      }),
    );
    expect(info.state).toBe('connected');
    expect(info.tls).toEqual({ verificationOff: false, ownCertificate: null });
    const session = (await must(h.api.listPeers({ endpointId: info.id }))).peers[0]?.tls;
    expect(session?.authorized).toBe(true);
    expect(session?.protocol).toBe('TLSv1.3');
    expect(session?.cipher).toMatch(/^TLS_/);
    expect(session?.alpn).toBe('wb/1');
    const leaf = session?.peerChain[0];
    expect(leaf?.subject).toBe('CN=localhost');
    expect(leaf?.issuer).toBe('CN=Wirebench Test CA');
    expect(leaf?.altNames).toEqual(['localhost', '127.0.0.1']);
    expect(leaf?.fingerprint256).toBe(new X509Certificate(pki.read('server.pem')).fingerprint256);
    expect(leaf?.validTo).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const server = servers[0] as PeerProcess;
    await must(
      h.api.send({
        endpointId: info.id,
        data: new TextEncoder().encode('hello-from-wb\n'),
      }),
    );
    await eventually(
      () => server.stdout().includes('hello-from-wb'),
      's_server to print our bytes',
    );
    server.write(Buffer.from('reply-from-openssl\n'));
    await eventually(
      () => h.logged(info.id, 'rx').toString() === 'reply-from-openssl\n',
      'the reply in the log',
    );
  });

  it('names both sides when the certificate is for another name', async () => {
    selfSigned('example', ['example.com']);
    const port = await sServer(pki.file('example.pem'), pki.file('example.key'));
    const message = await clientRefusal(port, { caFileId: await pki.upload(h.api, 'example.pem') });
    expect(message).toBe('The certificate for example.com does not match 127.0.0.1');
    expect(h.backend.engine.list()).toEqual([]);
  });

  it('checks the SNI name when one is given', async () => {
    const port = await sServer(pki.file('server.pem'), pki.file('server.key'));
    const message = await clientRefusal(port, {
      serverName: 'device.example',
      caFileId: await pki.upload(h.api, 'ca.pem'),
    });
    expect(message).toBe('The certificate for localhost, 127.0.0.1 does not match device.example');
  });

  it('says when the certificate has expired, with the date', async () => {
    selfSigned('expired', ['localhost', '127.0.0.1'], 1, new Date('2020-03-01T12:00:00Z'));
    const port = await sServer(pki.file('expired.pem'), pki.file('expired.key'));
    const message = await clientRefusal(port, { caFileId: await pki.upload(h.api, 'expired.pem') });
    expect(message).toBe(
      `The certificate of 127.0.0.1:${port} ("localhost") expired on 2020-03-02T12:00:00Z`,
    );
  });

  it('says a self-signed certificate is not trusted, and an unknown CA is unknown', async () => {
    selfSigned('lonely', ['127.0.0.1']);
    const port = await sServer(pki.file('lonely.pem'), pki.file('lonely.key'));
    const spec = { kind: 'tls-client', host: '127.0.0.1', port } as const;
    expect(await refusal(h, 'openEndpoint', { spec })).toBe(
      `The self-signed certificate of 127.0.0.1:${port} ("127.0.0.1") is not trusted: choose it as the CA file, or turn verification off`,
    );
    const port2 = await sServer(pki.file('server.pem'), pki.file('server.key'));
    expect(await refusal(h, 'openEndpoint', { spec: { ...spec, port: port2 } })).toBe(
      `The certificate of 127.0.0.1:${port2} was issued by an unknown CA ("Wirebench Test CA"): choose that CA as the CA file`,
    );
  });

  it('connects with verification off, marks it, and still says what verification would have found', async () => {
    selfSigned('lonely2', ['127.0.0.1']);
    const port = await sServer(pki.file('lonely2.pem'), pki.file('lonely2.key'));
    const info = await must(
      h.api.openEndpoint({
        spec: { kind: 'tls-client', host: '127.0.0.1', port, verify: false },
      }),
    );
    expect(info.state).toBe('connected');
    expect(inEnglish(info.message)).toContain('certificate NOT verified');
    expect(info.tls?.verificationOff).toBe(true);
    const [peer] = (await must(h.api.listPeers({ endpointId: info.id }))).peers;
    expect(peer?.tls?.authorized).toBe(false);
    expect(inEnglish(peer?.tls?.authorizationError)).toContain('self-signed certificate');
    await eventually(
      () => h.notices.some((n) => n.startsWith('Verification is off; it would have failed')),
      'the warning notice',
    );
  });

  it('does mutual TLS with a PEM client certificate the server requires', async () => {
    const port = await clientCertServer();
    const info = await must(
      h.api.openEndpoint({
        spec: {
          kind: 'tls-client',
          host: 'localhost',
          port,
          caFileId: await pki.upload(h.api, 'ca.pem'),
          clientCertificate: {
            source: 'pem',
            certFileId: await pki.upload(h.api, 'client.pem'),
            keyFileId: await pki.upload(h.api, 'client.key'),
          },
        },
      }),
    );
    expect(info.state).toBe('connected');
    expect(await sendToServer(info.id, 'mtls-ok')).toContain('Bench Device 7');
  });

  it('does mutual TLS with a PKCS#12 bundle and its passphrase, and names a wrong passphrase', async () => {
    const port = await clientCertServer();
    const bundle = await pki.upload(h.api, 'client.p12');
    const spec = {
      kind: 'tls-client',
      host: 'localhost',
      port,
      caFileId: await pki.upload(h.api, 'ca.pem'),
      clientCertificate: { source: 'pkcs12', fileId: bundle, passphrase: 'wrong' },
    } as const;
    expect(await refusal(h, 'openEndpoint', { spec })).toBe(
      'The passphrase for the client bundle client.p12 is wrong, or missing',
    );
    const info = await must(
      h.api.openEndpoint({
        spec: { ...spec, clientCertificate: { ...spec.clientCertificate, passphrase: 's3cret' } },
      }),
    );
    expect(await sendToServer(info.id, 'p12-ok')).toContain('Bench Device 7');
  });

  it('reports a missing client certificate the server requires as a sentence', async () => {
    const port = await clientCertServer();
    const result = await h.api.openEndpoint({
      spec: {
        kind: 'tls-client',
        host: 'localhost',
        port,
        caFileId: await pki.upload(h.api, 'ca.pem'),
      },
    });
    // TLS 1.3 finishes the client's handshake before the server checks: the alert comes after.
    const message = result.ok
      ? await eventually(() => {
          const info = h.info(result.value.id);
          return info.state === 'closed' ? inEnglish(info.message) : null;
        }, 'the connection to close')
      : inEnglish(result.error.message);
    expect(message).toContain('the peer requires a client certificate and none was given');
  });

  it('says which file is not a certificate', async () => {
    const port = await freePort();
    const message = await clientRefusal(port, {
      caFileId: await pki.upload(h.api, 'notes.txt', Buffer.from('not a certificate')),
    });
    expect(message).toContain('notes.txt');
  });

  it('says when a TCP service never starts the TLS handshake', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      expect(await clientRefusal(port, { timeoutMs: 400 })).toBe(
        `The TLS handshake with 127.0.0.1:${port} did not finish within 400 ms (does it speak TLS on this port?)`,
      );
    } finally {
      silent.close();
    }
  });

  it('refuses bad TLS specs with sentences', async () => {
    const port = await freePort();
    expect(await clientRefusal(port, { caFileId: 'f999' })).toBe(
      'The CA file is no longer known; choose it again',
    );
    expect(await clientRefusal(port, { caFileId: '../../etc/passwd' })).toMatch(
      /^Invalid request: spec\.caFileId: /,
    );
    expect(await clientRefusal(port, { caPath: '/etc/ssl/ca.pem' })).toMatch(
      /Unrecognized key: "caPath"/,
    );
    const serverRefusal = (certificate: unknown) =>
      refusal(h, 'openEndpoint', {
        spec: { kind: 'tls-server', host: '127.0.0.1', port: 0, certificate },
      });
    expect(await serverRefusal({ source: 'self-signed', names: ['bad name!'] })).toContain(
      'A certificate name may hold only letters, digits',
    );
    expect(await serverRefusal({ source: 'pem', certFileId: 'f1' })).toMatch(
      /^Invalid request: spec\.certificate/,
    );
    expect(await clientRefusal(port, { alpn: ['x'.repeat(300)] })).toContain(
      'spec.alpn.0: Too big: expected string to have <=255 characters',
    );
  });
});
