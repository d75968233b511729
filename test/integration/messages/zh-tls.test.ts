import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe } from 'vitest';
import type { EndpointSpecInput } from '../../../src/shared/contract';
import { createBackend } from '../../../src/main/core/backend';
import { startHarness, type Harness } from '../../helpers/backend-harness';
import { eventually, spawnPeer, type PeerProcess } from '../../helpers/peers';
import { expectChinese } from '../../helpers/chinese';
import { provokes, refusedWith, toldOf } from '../../helpers/provoke';
import { must } from '../../helpers/result';
import { makeFaultyCerts } from '../../helpers/tls-faults';
import { spawnSServer, usePki } from '../../helpers/tls-pki';

/**
 * Every TLS message, provoked for real against openssl s_server and
 * s_client (and Node's own TLS where a peer must misbehave on purpose), on
 * loopback, and said with the UI in 简体中文.
 */
const pki = usePki();
let h: Harness;
const peers: PeerProcess[] = [];
const closers: Array<() => unknown> = [];
beforeAll(() => {
  makeFaultyCerts(pki);
  h = startHarness();
}, 60_000);
afterAll(async () => {
  peers.forEach((p) => p.kill());
  for (const close of closers.splice(0)) await close();
  await h.close();
});

const upload = (name: string) => pki.upload(h.api, name);
const told = (code: Parameters<typeof toldOf>[1]) => toldOf(() => h.events, code);

/** s_server with one of the PKI's certificates; its port. */
async function sServer(cert: string, key: string, extra: string[] = []): Promise<number> {
  const { peer, port } = await spawnSServer(pki.file(cert), pki.file(key), extra);
  peers.push(peer);
  return port;
}

type ClientOptions = Omit<
  Extract<EndpointSpecInput, { kind: 'tls-client' }>,
  'kind' | 'host' | 'port'
>;

/** Why a TLS client to `port` could not open. */
const clientRefusal = (port: number, options: ClientOptions = {}) =>
  refusedWith(
    h.raw('openEndpoint', {
      spec: { kind: 'tls-client', host: '127.0.0.1', port, timeoutMs: 5000, ...options },
    }),
  );

/** Why s_server with the PKI's server certificate (and `extra`) refused our client. */
const sServerRefusal = async (extra: string[], options: ClientOptions = {}) =>
  clientRefusal(await sServer('server.pem', 'server.key', extra), options);

const openTlsServer = (options: Record<string, unknown> = {}) =>
  must(
    h.api.openEndpoint({
      spec: { kind: 'tls-server', host: '127.0.0.1', port: 0, ...options } as EndpointSpecInput,
    }),
  );

/** Why a TLS server on a free port could not open. */
const serverRefusal = (options: Record<string, unknown>) =>
  refusedWith(
    h.raw('openEndpoint', { spec: { kind: 'tls-server', host: '127.0.0.1', port: 0, ...options } }),
  );

/** A plain TCP listener that does `onSocket` with each connection. */
async function tcpListener(onSocket: (s: net.Socket) => void): Promise<number> {
  const server = net.createServer((s) => {
    s.on('error', () => undefined);
    onSocket(s);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => server.close());
  return (server.address() as net.AddressInfo).port;
}

/** openssl s_client toward one of our servers, its input held open. */
function sClient(port: number, args: string[]): PeerProcess {
  const peer = spawnPeer('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, ...args]);
  peers.push(peer);
  return peer;
}

/** One of our TLS servers (with `options`) that s_client (with `args`) is dialling. */
async function dialledBySClient(args: string[], options: Record<string, unknown> = {}) {
  const server = await openTlsServer(options);
  sClient(server.local!.port, args);
  return server;
}

const pem = async (cert: string, key: string) => ({
  source: 'pem' as const,
  certFileId: await upload(cert),
  keyFileId: await upload(key),
});

/** s_server (TLS 1.2, so its verdict on our certificate comes inside the handshake) requiring one. */
const verifyingServer = (caFile: string) =>
  sServer('server.pem', 'server.key', [
    '-tls1_2',
    '-Verify',
    '1',
    '-CAfile',
    pki.file(caFile),
    '-verify_return_error',
  ]);

/** Why our client showing `cert` to a server that checks it against `caFile` was refused. */
const refusedCertificate = async (caFile: string, cert: string, key: string) =>
  clientRefusal(await verifyingServer(caFile), {
    caFileId: await upload('ca.pem'),
    clientCertificate: await pem(cert, key),
  });

describe('a server certificate that does not verify', () => {
  provokes('tls.name-mismatch', async () =>
    sServerRefusal([], { caFileId: await upload('ca.pem'), serverName: 'plc.example' }),
  );
  provokes('tls.cert-expired', async () =>
    clientRefusal(await sServer('expired.pem', 'expired.key'), {
      caFileId: await upload('expired.pem'),
    }),
  );
  provokes('tls.cert-not-yet-valid', async () =>
    clientRefusal(await sServer('future.pem', 'future.key'), {
      caFileId: await upload('future.pem'),
    }),
  );
  provokes('tls.self-signed', async () => clientRefusal(await sServer('ca.pem', 'ca.key')));
  provokes('tls.self-signed-ca', () => sServerRefusal(['-cert_chain', pki.file('ca.pem')]));
  provokes('tls.unknown-ca', () => sServerRefusal([]));
  provokes('tls.bad-signature', async () =>
    clientRefusal(await sServer('badsig.pem', 'server.key'), { caFileId: await upload('ca.pem') }),
  );
  // A client certificate (clientAuth only) shown by a server.
  provokes('tls.wrong-purpose', async () =>
    clientRefusal(await sServer('client.pem', 'client.key'), { caFileId: await upload('ca.pem') }),
  );
  // A chain one CA deeper than its intermediate's pathlen allows: a code without words of its own.
  provokes('tls.verify-failed', async () =>
    clientRefusal(
      await sServer('leaf-deep.pem', 'leaf-deep.key', ['-cert_chain', pki.file('deep-chain.pem')]),
      { caFileId: await upload('ca.pem') },
    ),
  );
  provokes('tls.verification-off', async () => {
    await must(
      h.api.openEndpoint({
        spec: {
          kind: 'tls-client',
          host: '127.0.0.1',
          port: await sServer('ca.pem', 'ca.key'),
          verify: false,
        },
      }),
    );
    return told('tls.verification-off');
  });
});

describe('a handshake that fails, and why', () => {
  provokes('tls.reason.not-tls', async () =>
    clientRefusal(await tcpListener((s) => s.write('220 ready, plain text\r\n'))),
  );
  provokes('tls.handshake-failed', async () =>
    clientRefusal(await tcpListener((s) => s.write('220 ready, plain text\r\n'))),
  );
  provokes('tls.closed-during-handshake', async () =>
    clientRefusal(await tcpListener((s) => s.resetAndDestroy())),
  );
  provokes('tls.handshake-timeout', async () =>
    clientRefusal(await tcpListener(() => undefined), { timeoutMs: 400 }),
  );
  provokes('tls.reason.handshake-refused', async () =>
    sServerRefusal(['-tls1_2', '-cipher', 'ECDHE-ECDSA-CAMELLIA128-SHA256'], {
      caFileId: await upload('ca.pem'),
    }),
  );
  provokes('tls.reason.version-refused', async () =>
    sServerRefusal(['-tls1_1', '-cipher', 'DEFAULT@SECLEVEL=0'], {
      caFileId: await upload('ca.pem'),
    }),
  );
  provokes('tls.reason.unrecognized-name', () =>
    sServerRefusal(
      [
        '-servername',
        'good.test',
        '-servername_fatal',
        '-cert2',
        pki.file('server.pem'),
        '-key2',
        pki.file('server.key'),
      ],
      { serverName: 'bad.test', verify: false },
    ),
  );
  provokes('tls.reason.unknown-ca', () =>
    refusedCertificate('ca.pem', 'other-client.pem', 'other-client.key'),
  );
  provokes('tls.reason.certificate-expired', () =>
    refusedCertificate('expired.pem', 'expired.pem', 'expired.key'),
  );
  provokes('tls.reason.decrypt-error', () =>
    refusedCertificate('ca.pem', 'badsig-client.pem', 'client.key'),
  );
  // A client certificate that is not valid yet: OpenSSL answers "bad certificate".
  provokes('tls.reason.certificate-rejected', () =>
    refusedCertificate('future.pem', 'future.pem', 'future.key'),
  );
  // A server certificate (serverAuth only) shown as a client's: OpenSSL's own words for it.
  provokes('tls.reason.other', () => refusedCertificate('ca.pem', 'server.pem', 'server.key'));
  // A peer that answers our ClientHello with a fatal alert record of its own choosing.
  const alerting = (description: number) =>
    tcpListener((s) =>
      s.once('data', () => s.write(Buffer.from([0x15, 3, 3, 0, 2, 2, description]))),
    );
  provokes('tls.reason.access-denied', async () =>
    clientRefusal(await alerting(49), { verify: false }),
  );
  provokes('tls.reason.internal-error', async () =>
    clientRefusal(await alerting(80), { verify: false }),
  );
  provokes('tls.reason.certificate-required', async () => {
    const port = await sServer('server.pem', 'server.key', [
      '-tls1_3',
      '-Verify',
      '1',
      '-CAfile',
      pki.file('ca.pem'),
    ]);
    const client = await h.raw('openEndpoint', {
      spec: { kind: 'tls-client', host: '127.0.0.1', port, caFileId: await upload('ca.pem') },
    });
    // TLS 1.3: the client may finish before the server's verdict, which then ends the stream.
    if (!client.ok) return client.error.message;
    return told('tls.reason.certificate-required');
  });
  provokes('tls.reason.no-alpn', async () => {
    const server = await openTlsServer({ alpn: ['modbus'] });
    return clientRefusal(server.local!.port, { alpn: ['mqtt'], verify: false });
  });
  provokes('tls.reason.http-request', async () => {
    const server = await openTlsServer();
    const socket = net.connect(server.local!.port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write('GET / HTTP/1.0\r\n\r\n');
    closers.push(() => socket.destroy());
    return told('tls.reason.http-request');
  });
  // Our server's own side of a failed ALPN: said like the alert its client gets.
  provokes('tls.handshake-failed-from', async () => {
    const server = await dialledBySClient(['-alpn', 'mqtt'], { alpn: ['modbus'] });
    const notices = () => h.events.filter((e) => e.type === 'notice' && e.endpointId === server.id);
    const said = await toldOf(notices, 'tls.handshake-failed-from');
    expectChinese(said, 'tls.reason.no-alpn');
    return said;
  });
  provokes('tls.reason.no-shared-cipher', async () => {
    await dialledBySClient(['-tls1_2', '-cipher', 'AES128-SHA']);
    return told('tls.reason.no-shared-cipher');
  });
  provokes('tls.reason.version-unsupported', async () => {
    await dialledBySClient(['-tls1_1', '-cipher', 'DEFAULT@SECLEVEL=0']);
    return told('tls.reason.version-unsupported');
  });
  provokes('tls.ended', async () => {
    // A peer that finishes the handshake, then writes bytes that are no TLS record on the wire.
    const server = await openTlsServer();
    const raw = net.connect(server.local!.port, '127.0.0.1');
    raw.on('error', () => undefined);
    const secure = tls.connect({ socket: raw, rejectUnauthorized: false });
    secure.on('error', () => undefined);
    await new Promise((resolve) => secure.once('secureConnect', resolve));
    await eventually(() => h.info(server.id).peers.length === 1, 'the peer accepted');
    const record = Buffer.alloc(40, 0x5a);
    record.set([0x17, 0x03, 0x03, 0x00, 0x23]);
    raw.write(record);
    closers.push(() => secure.destroy());
    return told('tls.ended');
  });
});

describe('certificate material that cannot be used', () => {
  const bundle = async (name: string, passphrase?: string) => ({
    source: 'pkcs12' as const,
    fileId: await upload(name),
    ...(passphrase ? { passphrase } : {}),
  });
  const anyPort = () => sServer('server.pem', 'server.key');
  /** Why a client showing this bundle (or this certificate and key) could not open. */
  const refusedBundle = async (name: string, passphrase: string) =>
    clientRefusal(await anyPort(), { clientCertificate: await bundle(name, passphrase) });
  const refusedPem = async (cert: string, key: string) =>
    clientRefusal(await anyPort(), { clientCertificate: await pem(cert, key) });

  provokes('tls.material.wrong-passphrase', () => refusedBundle('client.p12', 'wrong'));
  provokes('tls.what.bundle', () => refusedBundle('client.p12', 'wrong'));
  provokes('tls.role.client', () => refusedBundle('client.p12', 'wrong'));
  provokes('tls.material.old-algorithm', () => refusedBundle('legacy.p12', 's3cret'));
  provokes('tls.material.unknown-format', () => refusedBundle('noise.bin', 'x'));
  provokes('tls.material.key-mismatch', () => refusedPem('client.pem', 'server.key'));
  provokes('tls.what.pair', () => refusedPem('client.pem', 'server.key'));
  provokes('tls.material.no-pem', () => refusedPem('not-pem.txt', 'client.key'));
  provokes('tls.material.no-certificate', async () =>
    clientRefusal(await anyPort(), { caFileId: await upload('client.key') }),
  );
  provokes('tls.what.ca-file', async () =>
    clientRefusal(await anyPort(), { caFileId: await upload('not-pem.txt') }),
  );
  provokes('tls.what.client-ca-file', async () =>
    serverRefusal({ clientCaFileId: await upload('not-pem.txt') }),
  );
  provokes('tls.role.server', async () =>
    serverRefusal({ certificate: await pem('server.pem', 'client.key') }),
  );
});

describe('files chosen for TLS', () => {
  const forgotten = 'f99999';
  provokes('file.forgotten', () => clientRefusal(9, { caFileId: forgotten }));
  provokes('tls.file.ca', () => clientRefusal(9, { caFileId: forgotten }));
  provokes('tls.file.client-ca', () => serverRefusal({ clientCaFileId: forgotten }));
  provokes('tls.file.pkcs12', () =>
    clientRefusal(9, { clientCertificate: { source: 'pkcs12', fileId: forgotten } }),
  );
  provokes('tls.file.certificate', () =>
    clientRefusal(9, {
      clientCertificate: { source: 'pem', certFileId: forgotten, keyFileId: forgotten },
    }),
  );
  provokes('tls.file.key', async () =>
    clientRefusal(9, {
      clientCertificate: {
        source: 'pem',
        certFileId: await upload('client.pem'),
        keyFileId: forgotten,
      },
    }),
  );
  provokes('file.no-dialog', () => refusedWith(h.api.chooseFile({ purpose: 'ca' })));

  /** A desktop backend whose file dialog chooses `file`. */
  function desktop(file: string) {
    const b = createBackend({ version: 't', mode: 'electron', chooseFile: async () => file });
    closers.push(() => b.dispose());
    return b;
  }
  provokes('file.not-readable', async () => {
    const folder = path.join(h.dataDir, 'a-folder');
    mkdirSync(folder, { recursive: true });
    return refusedWith(desktop(folder).router.handle('chooseFile', { purpose: 'ca' }));
  });
  /** Why a client naming a CA file chosen in the dialog fails once `change` did something to it. */
  async function chosenCaThen(name: string, change: (file: string) => void) {
    const file = path.join(h.dataDir, name);
    writeFileSync(file, pki.read('ca.pem'));
    const b = desktop(file);
    const chosen = await must(b.router.handle('chooseFile', { purpose: 'ca' }));
    change(file);
    const { fileId } = chosen as { fileId: string };
    return refusedWith(
      b.router.handle('openEndpoint', {
        spec: { kind: 'tls-client', host: '127.0.0.1', port: 9, caFileId: fileId },
      }),
    );
  }
  provokes('file.gone', () => chosenCaThen('ca-gone.pem', rmSync));
  provokes('file.no-access', () =>
    chosenCaThen('ca-then-loop.pem', (file) => {
      // Where the file was there is now a link to itself: the system will not open it (ELOOP).
      rmSync(file);
      symlinkSync(file, file);
    }),
  );
  provokes('file.not-a-file', () =>
    chosenCaThen('ca-then-fifo.pem', (file) => {
      // Nobody writes to it: a blocking read would wait for good.
      rmSync(file);
      execFileSync('mkfifo', [file]);
    }),
  );
  provokes('file.too-big', () =>
    chosenCaThen('ca-then-huge.pem', (file) =>
      writeFileSync(file, new Uint8Array(2 * 1024 * 1024)),
    ),
  );
});

describe('TLS state lines', () => {
  provokes('state.listening-tls', async () => (await openTlsServer()).message);
  provokes(
    'tls.origin.new',
    async () =>
      (await openTlsServer({ certificate: { source: 'self-signed', names: ['zh.test'] } })).message,
  );
  provokes(
    'tls.origin.kept',
    async () =>
      (await openTlsServer({ certificate: { source: 'self-signed', names: ['zh.test'] } })).message,
  );
  provokes('state.connecting-tls', async () => {
    const port = await tcpListener(() => undefined);
    const opening = h.api.openEndpoint({
      spec: { kind: 'tls-client', host: '127.0.0.1', port, timeoutMs: 3000 },
    });
    const message = await eventually(
      () =>
        h.backend.engine
          .list()
          .map((e) => e.message)
          .find((m) => m?.code === 'state.connecting-tls'),
      'the client connecting',
    );
    await opening;
    return message;
  });
  /** The state line of our client connected to s_server with `options`. */
  const connectedSays = async (options: ClientOptions) => {
    const port = await sServer('server.pem', 'server.key');
    const spec = { kind: 'tls-client' as const, host: '127.0.0.1', port, ...options };
    return (await must(h.api.openEndpoint({ spec }))).message;
  };
  provokes('state.connected-tls', async () => connectedSays({ caFileId: await upload('ca.pem') }));
  provokes('state.connected-tls-unverified', () => connectedSays({ verify: false }));
  provokes('state.peer-finished-tls', async () => {
    // A server that ends its side (close_notify, then FIN) once the handshake is done.
    const { cert, key } = { cert: pki.read('server.pem'), key: pki.read('server.key') };
    const server = tls.createServer({ cert, key }, (s) => {
      s.on('error', () => undefined);
      s.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => server.close());
    const port = (server.address() as net.AddressInfo).port;
    const client = await must(
      h.api.openEndpoint({ spec: { kind: 'tls-client', host: '127.0.0.1', port, verify: false } }),
    );
    return eventually(() => {
      const m = h.info(client.id).message;
      return m?.code === 'state.peer-finished-tls' && m;
    }, 'close_notify');
  });
});
