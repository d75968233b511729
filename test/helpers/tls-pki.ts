import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { WirebenchApi } from '../../src/shared/contract/api';
import { spawnListener, type PeerProcess } from './peers';
import { must } from './result';

/** A CA, a server certificate for localhost/127.0.0.1 and a client certificate, made by openssl. */
export interface Pki {
  dir: string;
  file(name: string): string;
  read(name: string): Buffer;
  /** Uploads one of its files (or `data` under that name) through the API, as a window does; the file id. */
  upload(api: WirebenchApi, name: string, data?: Uint8Array): Promise<string>;
  dispose(): void;
}

/** openssl with `args`, in `dir`; its complaints on stderr become the error. */
export function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** `openssl s_server` on a loopback port (free unless `at`) with `cert` and `key`; the peer and its port. */
export function spawnSServer(
  cert: string,
  key: string,
  extra: string[] = [],
  at?: number,
): Promise<{ peer: PeerProcess; port: number }> {
  return spawnListener(
    'openssl',
    (port) => ['s_server', '-accept', `127.0.0.1:${port}`, '-cert', cert, '-key', key, ...extra],
    at,
  );
}

/** openssl's arguments for a fresh P-256 key, unencrypted. */
export const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

/** `name`.key and `name`.pem in `dir`: a new key, its certificate for `subject` with the extensions `ext`, signed by `ca`. */
export function signLeaf(
  dir: string,
  name: string,
  subject: string,
  ext: string,
  ca = 'ca.pem',
  caKey = 'ca.key',
): void {
  writeFileSync(path.join(dir, `${name}.ext`), ext);
  openssl(dir, [
    'req',
    ...EC_KEY,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    subject,
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    ca,
    '-CAkey',
    caKey,
    '-CAcreateserial',
    '-out',
    `${name}.pem`,
    '-days',
    '30',
    '-extfile',
    `${name}.ext`,
  ]);
}

export function makePki(): Pki {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-pki-'));
  openssl(dir, [
    'req',
    '-x509',
    ...EC_KEY,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '30',
    '-subj',
    '/CN=Wirebench Test CA',
  ]);
  signLeaf(
    dir,
    'server',
    '/CN=localhost',
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n',
  );
  signLeaf(dir, 'client', '/CN=Bench Device 7', 'extendedKeyUsage=clientAuth\n');
  openssl(dir, [
    'pkcs12',
    '-export',
    '-in',
    'client.pem',
    '-inkey',
    'client.key',
    '-out',
    'client.p12',
    '-passout',
    'pass:s3cret',
  ]);
  return {
    dir,
    file: (name) => path.join(dir, name),
    read: (name) => readFileSync(path.join(dir, name)),
    upload: async (api, name, data) =>
      (await must(api.uploadFile({ name, data: data ?? readFileSync(path.join(dir, name)) })))
        .fileId,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The PKI of a test file: made before its tests (openssl takes a moment), removed after them. */
export function usePki(): Pki {
  let pki: Pki | undefined;
  beforeAll(() => {
    pki = makePki();
  });
  afterAll(() => pki?.dispose());
  const made = (): Pki => {
    if (!pki) throw new Error('The PKI is made before the tests run');
    return pki;
  };
  return {
    get dir() {
      return made().dir;
    },
    file: (name) => made().file(name),
    read: (name) => made().read(name),
    upload: (api, name, data) => made().upload(api, name, data),
    dispose: () => made().dispose(),
  };
}
