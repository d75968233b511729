import { execFileSync } from 'node:child_process';
import fs, {
  closeSync,
  constants,
  mkdtempSync,
  openSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackend, type Backend } from '../../../src/main/core/backend';
import { PayloadFileRegistry } from '../../../src/main/payload/file-registry';
import type { Result } from '../../../src/shared/contract';
import { inEnglish } from '../../helpers/english';

/**
 * Issue 9, item 3, in the main process: a payload past 64 MiB is refused
 * before main makes its random bytes or reads its files.
 */
const randomBytes = vi.hoisted(() => ({ calls: [] as number[] }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  return {
    ...crypto,
    randomBytes: (n: number) => {
      randomBytes.calls.push(n);
      return crypto.randomBytes(n);
    },
  };
});

const backends: Backend[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(backends.splice(0).map((b) => b.dispose()));
});

function backend(chooseFile?: () => Promise<string>): Backend {
  const b = createBackend({
    version: 't',
    mode: 'browser',
    payloadFiles: new PayloadFileRegistry(),
    chooseFile,
  });
  backends.push(b);
  return b;
}

/** What a person reads: every message in English. */
const call = (b: Backend, op: string, payload: unknown) =>
  (b.router.handle(op, payload) as Promise<Result<unknown>>).then((r) => inEnglish(r));

describe('a payload too big for one send, in main', () => {
  it('2048 × {{random:65536}} is refused, naming its size, before one random byte is made', async () => {
    const b = backend();
    const listener = await call(b, 'openEndpoint', {
      spec: { kind: 'udp', host: '127.0.0.1', port: 0 },
    });
    const endpointId = listener.ok ? (listener.value as { id: string }).id : '';
    randomBytes.calls.length = 0;
    const source = '{{random:65536}}'.repeat(2048);
    for (const [op, payload] of [
      ['sendPayload', { endpointId, spec: { mode: 'hex', source }, counter: 0 }],
      ['previewPayload', { spec: { mode: 'hex', source }, counter: 0 }],
    ] as const) {
      const r = await call(b, op, payload);
      const message = r.ok ? JSON.stringify(r.value) : r.error.message;
      expect(message, op).toContain('The payload is 134,217,728 bytes');
    }
    expect(randomBytes.calls.filter((n) => n === 65536)).toEqual([]);
  });

  it('a file named twice past the limit is refused before the file is read', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-size-'));
    const file = path.join(dir, 'fw.img');
    writeFileSync(file, Buffer.alloc(0));
    truncateSync(file, 40 * 1024 * 1024); // sparse: nothing written
    const b = backend(async () => file);
    const picked = await call(b, 'pickPayloadFile', {});
    const id = picked.ok ? (picked.value as { id: string }).id : '';
    const load = vi.spyOn(PayloadFileRegistry.prototype, 'load');
    const r = await call(b, 'previewPayload', {
      spec: { mode: 'hex', source: `{{file:${id}}} {{file:${id}}}` },
      counter: 0,
    });
    expect(r.ok ? JSON.stringify(r.value) : r.error.message).toContain('83,886,080 bytes');
    expect(load).not.toHaveBeenCalled();
  });

  it('a file that grew past 64 MiB since it was chosen is refused before it is read', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-size-'));
    const file = path.join(dir, 'grows.img');
    writeFileSync(file, Buffer.alloc(16));
    const b = backend(async () => file);
    const picked = await call(b, 'pickPayloadFile', {});
    const id = picked.ok ? (picked.value as { id: string }).id : '';
    truncateSync(file, 64 * 1024 * 1024 + 1);
    const readFile = vi.spyOn(fs.promises, 'readFile');
    const r = await call(b, 'previewPayload', {
      spec: { mode: 'hex', source: `{{file:${id}}}` },
      counter: 0,
    });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'invalid-request',
        message: 'grows.img is 67,108,865 bytes; a payload can be at most 64 MiB',
      },
    });
    expect(readFile).not.toHaveBeenCalled();
  });

  it('a chosen file replaced by a FIFO is refused with a sentence, not read without end', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-size-'));
    const file = path.join(dir, 'frame.bin');
    writeFileSync(file, Buffer.from([1, 2, 3]));
    const b = backend(async () => file);
    const picked = await call(b, 'pickPayloadFile', {});
    const id = picked.ok ? (picked.value as { id: string }).id : '';
    // Nobody ever writes to it: reading it would wait forever (and hold one of libuv's four
    // pool threads); a device such as /dev/zero would be read until Node gives up at 2 GiB.
    unlinkSync(file);
    execFileSync('mkfifo', [file]);
    const preview = call(b, 'previewPayload', { spec: { mode: 'hex', source: `{{file:${id}}}` } });
    const answer = await Promise.race([
      preview,
      new Promise<'no answer'>((resolve) => setTimeout(() => resolve('no answer'), 5000)),
    ]);
    // Whatever happened, let a read that is still waiting go, so no pool thread stays held.
    closeSync(openSync(file, constants.O_RDWR | constants.O_NONBLOCK));
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'invalid-request',
        message: `${file} is not a regular file any more; choose the file again`,
      },
    });
  });
});
