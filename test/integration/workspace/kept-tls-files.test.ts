import { X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import type { EndpointInfo, EndpointSpecInput } from '../../../src/shared/contract';
import { createInMemoryApi, type InMemoryApi } from '../../helpers/in-memory-api';
import { KeptFiles } from '../../../src/main/payload/kept-files';
import { eventually } from '../../helpers/peers';
import { must } from '../../helpers/result';
import { useScratch } from '../../helpers/scratch';
import { usePki } from '../../helpers/tls-pki';

/**
 * A workspace names a TLS server's certificate and key by file id. Those
 * files are copied into the data folder (tls-files/) when chosen, so the
 * saved server opens again after a restart, with the same certificate,
 * even once the originals moved; and a file chosen after the restart never
 * takes a saved id.
 */
const pki = usePki();
const { dir: work } = useScratch('kept-tls');
const running: InMemoryApi[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((a) => a.close()));
});

/** The app started on a data folder (a restart is a second call with the same folder). */
function start(dataDir: string): InMemoryApi {
  const app = createInMemoryApi({ dataDir });
  running.push(app);
  return app;
}

const serverSpec = (certFileId: string, keyFileId: string): EndpointSpecInput => ({
  kind: 'tls-server',
  host: '127.0.0.1',
  port: 0,
  certificate: { source: 'pem', certFileId, keyFileId },
});

/** A TLS handshake with the server, trusting the test CA: the key matches the certificate. */
function handshake(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: '127.0.0.1',
      port,
      servername: 'localhost',
      ca: pki.read('ca.pem'),
    });
    socket.once('secureConnect', () => {
      resolve(socket.getPeerX509Certificate()?.fingerprint256 ?? '');
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

const serverFingerprint = () => new X509Certificate(pki.read('server.pem')).fingerprint256;

async function openAndShake(app: InMemoryApi, spec: EndpointSpecInput): Promise<EndpointInfo> {
  const info = await must(app.api.openEndpoint({ spec }));
  expect(info.tls?.ownCertificate?.fingerprint256).toBe(serverFingerprint());
  expect(await handshake(info.local!.port)).toBe(serverFingerprint());
  return info;
}

describe('TLS files kept across a restart', () => {
  it('files chosen in the dialog open the saved server after a restart, the originals moved', async () => {
    const dataDir = path.join(work, 'data-dialog');
    const cert = path.join(work, 'server.pem');
    const key = path.join(work, 'server.key');
    copyFileSync(pki.file('server.pem'), cert);
    copyFileSync(pki.file('server.key'), key);
    const before = start(dataDir);
    // As the chooseFile handler does with the path the system dialog gave.
    const certRef = await before.backend.engine.files.addPath(cert);
    const keyRef = await before.backend.engine.files.addPath(key);
    const spec = serverSpec(certRef.fileId, keyRef.fileId);
    await openAndShake(before, spec);
    await before.close();
    running.splice(0);

    renameSync(cert, `${cert}.moved`);
    renameSync(key, `${key}.moved`);
    const after = start(dataDir);
    // A file chosen after the restart gets an id of its own, not a saved one.
    const other = await after.backend.engine.files.addPath(`${cert}.moved`);
    expect([certRef.fileId, keyRef.fileId]).not.toContain(other.fileId);
    await openAndShake(after, spec);
  });

  it('uploaded files (browser mode) open the saved server after a restart', async () => {
    const dataDir = path.join(work, 'data-upload');
    const before = start(dataDir);
    const certFileId = await pki.upload(before.api, 'server.pem');
    const keyFileId = await pki.upload(before.api, 'server.key');
    const spec = serverSpec(certFileId, keyFileId);
    await openAndShake(before, spec);
    // Kept in the background: both in the index on disk, each with its copy.
    const keptNow = () =>
      new KeptFiles(path.join(dataDir, 'tls-files'))
        .restore()
        .filter((f) => existsSync(f.copy))
        .map((f) => f.info.id);
    await expect.poll(keptNow).toEqual(expect.arrayContaining([certFileId, keyFileId]));
    await before.close();
    running.splice(0);

    await openAndShake(start(dataDir), spec);
  });

  it('the copies are readable by their owner only: one of them is a private key', async () => {
    const dataDir = path.join(work, 'data-mode');
    const app = start(dataDir);
    await pki.upload(app.api, 'server.key');
    const kept = path.join(dataDir, 'tls-files');
    await expect.poll(() => readdirSync(kept).filter((f) => !f.endsWith('.tmp')).length).toBe(2);
    expect(statSync(kept).mode & 0o777).toBe(0o700);
    for (const f of readdirSync(kept))
      expect(statSync(path.join(kept, f)).mode & 0o777).toBe(0o600);
  });

  it('the index holds no byte of a key: only its copy does', async () => {
    const dataDir = path.join(work, 'data-head');
    const app = start(dataDir);
    // A SEC1 DER key: its private scalar starts at byte 7, within the first 32.
    const der = execFileSync('openssl', ['ec', '-in', pki.file('server.key'), '-outform', 'DER'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const fileId = await pki.upload(app.api, 'server.der', der);
    const kept = () => new KeptFiles(path.join(dataDir, 'tls-files')).restore();
    await expect.poll(() => kept().map((f) => f.info.id)).toEqual([fileId]);
    expect(kept()[0]!.info.head).toHaveLength(0);
  });
});

describe('a file chosen that is no certificate', () => {
  it('is refused when larger than any certificate, as an upload would be, and nothing is kept', async () => {
    const dataDir = path.join(work, 'data-big');
    const app = start(dataDir);
    const big = path.join(work, 'disk.img');
    writeFileSync(big, new Uint8Array(2 * 1024 * 1024));
    await expect(app.backend.engine.files.addPath(big)).rejects.toMatchObject({
      ref: { code: 'field.certificate-file-too-big', params: { max: 1024 * 1024 } },
    });
    expect(existsSync(path.join(dataDir, 'tls-files'))).toBe(false);
  });

  it('is refused at once when it is a FIFO or a device, and nothing is kept', async () => {
    const dataDir = path.join(work, 'data-special');
    const app = start(dataDir);
    const fifo = path.join(work, 'chosen.fifo');
    execFileSync('mkfifo', [fifo]);
    const zero = path.join(work, 'zero.pem');
    symlinkSync('/dev/zero', zero); // a link: what it points to is what counts
    for (const [file, name] of [
      [fifo, 'chosen.fifo'],
      [zero, 'zero.pem'],
    ] as const) {
      await expect(app.backend.engine.files.addPath(file)).rejects.toMatchObject({
        ref: { code: 'file.not-readable', params: { name } },
      });
    }
    expect(existsSync(path.join(dataDir, 'tls-files'))).toBe(false);
  });

  it('is refused when it became a FIFO since it was chosen, without waiting for a writer', async () => {
    const app = start(path.join(work, 'data-fifo'));
    const cert = path.join(work, 'fifo-server.pem');
    const key = path.join(work, 'fifo-server.key');
    copyFileSync(pki.file('server.pem'), cert);
    copyFileSync(pki.file('server.key'), key);
    const certRef = await app.backend.engine.files.addPath(cert);
    const keyRef = await app.backend.engine.files.addPath(key);
    rmSync(key);
    execFileSync('mkfifo', [key]);
    let said: unknown = null;
    const opening = app.api
      .openEndpoint({ spec: serverSpec(certRef.fileId, keyRef.fileId) })
      .then((r) => (said = r));
    try {
      // Before the fix the read waited for a writer forever, holding a pool thread.
      await eventually(() => said, 'the open to be refused');
    } finally {
      // Lets a read still waiting go (a writer comes and leaves), so no thread stays held;
      // ENXIO when nobody reads it, as it should be.
      try {
        closeSync(openSync(key, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // nobody was waiting on it
      }
      await opening;
    }
    expect(said).toMatchObject({ ok: false, error: { message: { code: 'file.not-a-file' } } });
  });

  it('is refused when it grew past 1 MiB since it was chosen, without reading it whole', async () => {
    const app = start(path.join(work, 'data-grown'));
    const ca = path.join(work, 'grown-ca.pem');
    copyFileSync(pki.file('ca.pem'), ca);
    const caRef = await app.backend.engine.files.addPath(ca);
    writeFileSync(ca, new Uint8Array(3 * 1024 * 1024));
    const r = await app.api.openEndpoint({
      spec: { kind: 'tls-client', host: '127.0.0.1', port: 9, caFileId: caRef.fileId },
    });
    expect(r).toMatchObject({
      ok: false,
      error: { message: { code: 'file.too-big', params: { max: 1024 * 1024 } } },
    });
  });
});
