import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../src/main/core/backend';
import type { BackendServices } from '../../../src/main/core/handlers/handler-types';
import { PayloadFileRegistry } from '../../../src/main/payload/file-registry';
import type { Result } from '../../../src/shared/contract';
import { failed as failure, inEnglish } from '../../helpers/english';

/** File payload operations through the router: ids in, never paths from the page. */
const backends: Backend[] = [];
afterEach(async () => {
  await Promise.all(backends.splice(0).map((b) => b.dispose()));
});

function call(services: Partial<BackendServices>, op: string, payload: unknown) {
  const b = createBackend({ version: 't', mode: 'browser', ...services });
  backends.push(b);
  // What a person reads: every message in English.
  return (b.router.handle(op, payload) as Promise<Result<unknown>>).then((r) => inEnglish(r));
}

const files = () => ({ payloadFiles: new PayloadFileRegistry() });

describe('payload file operations', () => {
  it.each([
    [
      'registerPayloadFile',
      { name: '', data: new Uint8Array(1) },
      'name: Too small: expected string to have >=1 characters',
    ],
    ['registerPayloadFile', { name: 'a', data: 'AAAA' }, 'data: The data must be bytes'],
    ['registerPayloadFile', { name: 'a', data: [1, 2] }, 'data: The data must be bytes'],
    [
      'registerPayloadFile',
      { name: 'a', data: new Uint8Array(1), path: '/etc/shadow' },
      'Unrecognized key: "path"',
    ],
    ['pickPayloadFile', { path: '/etc/shadow' }, 'Unrecognized key: "path"'],
    ['describePayloadFile', { id: '../x' }, 'id: The id has characters other than'],
    ['previewPayload', { spec: { mode: 'hex', source: '' }, counter: 1.5 }, 'counter'],
  ])('%s refuses %j', async (op, payload, message) => {
    const error = await failure(call(files(), op, payload));
    expect(error.code).toBe('invalid-request');
    expect(error.message).toContain(message);
  });

  it('keeps only the base name of an uploaded file, and its first 32 bytes', async () => {
    const data = Uint8Array.from({ length: 100 }, (_, i) => i);
    const r = await call(files(), 'registerPayloadFile', { name: '../../etc/passwd', data });
    expect(r).toMatchObject({ ok: true, value: { name: 'passwd', size: 100 } });
    if (r.ok) expect([...(r.value as { head: Uint8Array }).head]).toEqual([...data.slice(0, 32)]);
  });

  it('says the browser mode picks files with its own picker', async () => {
    expect(await call(files(), 'pickPayloadFile', {})).toEqual({
      ok: false,
      error: {
        code: 'wrong-state',
        message: 'This window chooses files with its own file picker; use Upload',
      },
    });
  });

  it('takes the path from the dialog service, and null when the user cancels', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-pick-'));
    const file = path.join(dir, 'fw.bin');
    writeFileSync(file, Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    const picked = await call({ ...files(), chooseFile: async () => file }, 'pickPayloadFile', {});
    expect(picked).toMatchObject({ ok: true, value: { name: 'fw.bin', size: 4 } });
    expect(await call({ ...files(), chooseFile: async () => null }, 'pickPayloadFile', {})).toEqual(
      { ok: true, value: null },
    );
  });

  it('refuses a chosen file over 64 MiB before reading it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-pick-'));
    const file = path.join(dir, 'big.img');
    writeFileSync(file, Buffer.alloc(0));
    const { truncateSync } = await import('node:fs');
    truncateSync(file, 64 * 1024 * 1024 + 1); // sparse: no 64 MiB written
    const r = await call({ ...files(), chooseFile: async () => file }, 'pickPayloadFile', {});
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'invalid-request',
        message: 'big.img is 67,108,865 bytes; a payload can be at most 64 MiB',
      },
    });
  });

  it('describes an unknown id as null', async () => {
    expect(await call(files(), 'describePayloadFile', { id: 'f00' })).toEqual({
      ok: true,
      value: null,
    });
  });
});
