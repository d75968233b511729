import net from 'node:net';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import type { EndpointInfo } from '../../src/shared/contract';
import { startHarness, type Harness } from '../helpers/backend-harness';
import { eventually, spawnPeer } from '../helpers/peers';
import { randomBytes } from '../helpers/random-bytes';
import { must } from '../helpers/result';
import { usePki } from '../helpers/tls-pki';
import { tlsRelaySpec } from '../helpers/relay-calls';

/**
 * TLS listeners turn allowHalfOpen on for a socket only once it is secure
 * (tls-listener.ts). That is the old behaviour only if the peer's FIN can
 * never be read before 'secureConnection': these clients send their bytes
 * and FIN in the same flight as their last handshake message (TLS 1.2 and
 * 1.3, full and resumed, with a client certificate asked for, after a
 * renegotiation), and every byte must arrive, the FIN be seen as a
 * half-close, and an answer sent after it reach the client.
 */
const pki = usePki();
let h: Harness;
afterEach(async () => {
  await h?.close();
});

const VERSIONS = ['TLSv1.2', 'TLSv1.3'] as const;
const answer = new TextEncoder().encode('answer');

async function tlsServer(requestClientCertificate = false): Promise<EndpointInfo> {
  return must(
    h.api.openEndpoint({
      spec: { kind: 'tls-server', host: '127.0.0.1', port: 0, requestClientCertificate },
    }),
  );
}

/** The peer that half-closed: answered, our FIN after it, and what it sent checked. */
async function answerHalfClosed(info: EndpointInfo, sent: Uint8Array): Promise<void> {
  const peer = await eventually(
    () => h.info(info.id).peers.find((p) => p.state === 'half-closed'),
    'the server to see the FIN',
  );
  await must(h.api.send({ endpointId: info.id, peerId: peer.id, data: answer }));
  h.backend.engine.get(info.id).endSending(peer.id);
  const rx = h.logged(info.id, 'rx');
  expect(rx.subarray(rx.length - sent.length).equals(sent)).toBe(true);
}

/** A Node client that writes `data` and its FIN at once; resolves with what it got before the server's FIN. */
function nodeClient(port: number, options: tls.ConnectionOptions, data: Uint8Array) {
  const client = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...options });
  let received = '';
  client.on('data', (d: Buffer) => (received += d.toString()));
  client.on('error', () => undefined);
  const ended = new Promise<string>((resolve) => client.once('end', () => resolve(received)));
  client.end(data);
  return { client, ended };
}

describe.each(VERSIONS)('%s, Node client: bytes and FIN right after its Finished', (version) => {
  it.each([false, true])(
    'every byte, the FIN, the answer (client certificate: %s)',
    async (cert) => {
      h = startHarness();
      const info = await tlsServer(cert);
      let session: Buffer | undefined;
      for (let i = 0; i < 6; i++) {
        const data = randomBytes(1 + ((i * 7919) % 40_000), i + 1);
        const { client, ended } = nodeClient(
          info.local!.port,
          {
            minVersion: version,
            maxVersion: version,
            session, // from the second one on, a resumed handshake
            ...(cert ? { cert: pki.read('client.pem'), key: pki.read('client.key') } : {}),
          },
          data,
        );
        client.on('session', (s: Buffer) => (session = s));
        await answerHalfClosed(info, data);
        expect(await ended).toBe('answer');
        client.destroy();
        await eventually(() => h.info(info.id).peers.every((p) => p.state === 'closed'), 'closed');
      }
    },
  );
});

describe.each(['-tls1_2', '-tls1_3'])('openssl s_client %s', (flag) => {
  it('sends what it read and leaves: every byte arrives, the FIN is seen', async () => {
    h = startHarness();
    const info = await tlsServer();
    for (let i = 0; i < 3; i++) {
      const data = Buffer.from(randomBytes(3000 + i * 5000, 40 + i).toString('hex'));
      const before = h.logged(info.id, 'rx').length;
      const peer = spawnPeer('openssl', [
        's_client',
        '-connect',
        `127.0.0.1:${info.local!.port}`,
        flag,
        '-quiet',
        '-no_ign_eof',
      ]);
      peer.child.stdin!.end(data);
      await peer.exited();
      await eventually(
        () => h.logged(info.id, 'rx').length - before >= data.length,
        `the bytes s_client sent (${peer.stderr()})`,
      );
      expect(h.logged(info.id, 'rx').subarray(before).equals(data)).toBe(true);
      await eventually(
        () => h.info(info.id).peers.every((p) => p.state !== 'connected'),
        'its FIN to be seen',
      );
    }
  });
});

it('ncat --ssl half-closes after its input and still gets the answer', async () => {
  h = startHarness();
  const info = await tlsServer();
  const data = Buffer.from(randomBytes(6000, 77).toString('hex'));
  const peer = spawnPeer('ncat', ['--ssl', '127.0.0.1', String(info.local!.port)]);
  peer.child.stdin!.end(data);
  await answerHalfClosed(info, data);
  await peer.exited();
  expect(peer.stdout().toString()).toBe('answer');
});

it('a client that renegotiated (TLS 1.2) half-closes and gets the answer', async () => {
  h = startHarness();
  const info = await tlsServer(true);
  const client = tls.connect({
    host: '127.0.0.1',
    port: info.local!.port,
    rejectUnauthorized: false,
    maxVersion: 'TLSv1.2',
    cert: pki.read('client.pem'),
    key: pki.read('client.key'),
  });
  let received = '';
  client.on('data', (d: Buffer) => (received += d.toString()));
  await new Promise<void>((resolve) => client.once('secureConnect', () => resolve()));
  client.write('one');
  const renegotiated = await new Promise<Error | null>((resolve) => {
    if (!client.renegotiate({ rejectUnauthorized: false }, (err) => resolve(err ?? null)))
      resolve(new Error('renegotiate refused'));
  });
  expect(renegotiated).toBeNull();
  client.end('two');
  await answerHalfClosed(info, new TextEncoder().encode('onetwo'));
  await eventually(() => received === 'answer', 'the answer');
  client.destroy();
});

describe.each(VERSIONS)('relay terminating %s', (version) => {
  it("the device's bytes and FIN reach the server; its answer and FIN reach the device", async () => {
    h = startHarness();
    const got: Buffer[] = [];
    const target = net.createServer({ allowHalfOpen: true }, (s) => {
      const chunks: Buffer[] = [];
      s.on('data', (d: Buffer) => chunks.push(d));
      s.on('end', () => {
        got.push(Buffer.concat(chunks));
        s.end('answer');
      });
      s.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    try {
      const targetPort = (target.address() as net.AddressInfo).port;
      const info = await must(h.api.openEndpoint({ spec: tlsRelaySpec(targetPort) }));
      for (let i = 0; i < 6; i++) {
        const data = randomBytes(1 + ((i * 7919) % 40_000), 90 + i);
        const opts = { minVersion: version, maxVersion: version };
        const { client, ended } = nodeClient(info.local!.port, opts, data);
        expect(await ended).toBe('answer');
        await eventually(() => got.length === i + 1, 'the server to see the FIN');
        expect(got[i]!.equals(data)).toBe(true);
        client.destroy();
      }
    } finally {
      target.close();
    }
  });
});
