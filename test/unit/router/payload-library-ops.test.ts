import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../src/main/core/backend';
import { LIBRARY_FILE, LibraryStore } from '../../../src/main/library/library-store';
import { failed as failure, inEnglish } from '../../helpers/english';

/**
 * The library and payload operations through the router, as both transports
 * call them: every request is validated first, every failure is a sentence.
 */
const backends: Backend[] = [];
afterEach(async () => {
  await Promise.all(backends.splice(0).map((b) => b.dispose()));
});

function backend(dir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-router-'))) {
  const b = createBackend({ version: 't', mode: 'browser', library: new LibraryStore(dir) });
  backends.push(b);
  // What a person reads: every message in English.
  const call = async (op: string, payload: unknown) =>
    inEnglish(await b.router.handle(op, payload));
  return { call, dir };
}

const spec = { mode: 'hex', source: '01 03 00 00 00 0A' };

describe('library operations', () => {
  it('saves, lists, renames, duplicates, deletes, exports and imports', async () => {
    const { call } = backend();
    const saved = await call('saveLibraryItem', { name: 'poll', spec });
    expect(saved.ok).toBe(true);
    const id = (saved as { value: { id: string } }).value.id;
    expect(await call('renameLibraryItem', { id, name: 'poll 2' })).toMatchObject({
      ok: true,
      value: { name: 'poll 2' },
    });
    expect(await call('duplicateLibraryItem', { id })).toMatchObject({
      ok: true,
      value: { name: 'poll 2 (copy)' },
    });
    const exported = await call('exportLibrary', {});
    expect(exported).toMatchObject({ ok: true, value: { count: 2 } });
    expect(await call('deleteLibraryItem', { id })).toEqual({ ok: true, value: { deleted: true } });
    const json = (exported as { value: { json: string } }).value.json;
    expect(await call('importLibrary', { json })).toMatchObject({ ok: true, value: { added: 2 } });
    const list = await call('listLibrary', {});
    expect(list).toMatchObject({ ok: true, value: { notice: null } });
    expect((list as { value: { items: unknown[] } }).value.items).toHaveLength(3);
  });

  it.each([
    [
      'saveLibraryItem',
      { name: '', spec },
      'Invalid request: name: Too small: expected string to have >=1 characters',
    ],
    [
      'saveLibraryItem',
      { name: 'x', spec: { mode: 'morse', source: '' } },
      'Invalid request: spec.mode',
    ],
    [
      'saveLibraryItem',
      { name: 'x'.repeat(201), spec },
      'name: Too big: expected string to have <=200 characters',
    ],
    ['saveLibraryItem', { name: 'x', spec, path: '/etc/passwd' }, 'Unrecognized key: "path"'],
    ['renameLibraryItem', { id: '../../etc', name: 'x' }, 'id: The id has characters other than'],
    ['deleteLibraryItem', {}, 'Invalid request: id'],
    ['importLibrary', { json: 42 }, 'json: Invalid input: expected string, received number'],
    ['importLibrary', { path: '/tmp/library.json' }, 'Unrecognized key: "path"'],
    ['exportLibrary', { path: '/tmp/out.json' }, 'Unrecognized key: "path"'],
  ])('%s refuses %j with a sentence', async (op, payload, message) => {
    const error = await failure(backend().call(op, payload));
    expect(error.code).toBe('invalid-request');
    expect(error.message).toContain(message);
  });

  it('says what is missing and what is not a library', async () => {
    const { call } = backend();
    expect(await failure(call('renameLibraryItem', { id: 'nope', name: 'x' }))).toEqual({
      code: 'not-found',
      message: 'There is no item nope in the library',
    });
    expect((await failure(call('importLibrary', { json: '{"version":1}' }))).message).toBe(
      'That file is not a Wirebench library: items: Invalid input: expected array, received undefined',
    );
  });

  it('tells the user once when the saved library was corrupt, and starts empty', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-router-'));
    writeFileSync(path.join(dir, LIBRARY_FILE), 'garbage');
    const { call } = backend(dir);
    const first = (await call('listLibrary', {})) as {
      value: { items: unknown[]; notice: string };
    };
    expect(first.value.items).toEqual([]);
    expect(first.value.notice).toMatch(/could not be read .* kept as payload-library\.corrupt-/);
    expect(await call('listLibrary', {})).toEqual({ ok: true, value: { items: [], notice: null } });
  });
});

describe('sendPayload', () => {
  it.each([
    [{ endpointId: 'e1', spec: { mode: 'hex' } }, 'spec.source'],
    [{ endpointId: 'e1', spec, counter: -1 }, 'counter'],
    [{ endpointId: 'e1', spec, sendId: 'a b' }, 'sendId'],
    [
      { endpointId: 'e1', spec: { ...spec, source: 'x'.repeat(4 * 1024 * 1024 + 1) } },
      'spec.source: Too big: expected string to have <=4194304 characters',
    ],
  ])('refuses a malformed request %#', async (payload, message) => {
    const error = await failure(backend().call('sendPayload', payload));
    expect(error.code).toBe('invalid-request');
    expect(error.message).toContain(message);
  });

  it('names the connection that does not exist', async () => {
    expect(await failure(backend().call('sendPayload', { endpointId: 'e9', spec }))).toEqual({
      code: 'not-found',
      message: 'There is no connection e9',
    });
  });
});
