import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIBRARY_VERSION } from '../../../src/shared/contract/library';
import { DEFAULT_PAYLOAD_SPEC, type PayloadSpec } from '../../../src/shared/payload/payload-spec';
import { LIBRARY_FILE, LibraryStore } from '../../../src/main/library/library-store';
import { inEnglish, rejectedEnglish } from '../../helpers/english';
import type { MessageRef } from '../../../src/shared/messages/catalogue';
import { expectChinese } from '../../helpers/chinese';

const ROOT = path.resolve(__dirname, '../../..');
const JITI = path.join(ROOT, 'node_modules/jiti/lib/jiti-cli.mjs');
const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'wirebench-library-'));
const hex = (source: string): PayloadSpec => ({ ...DEFAULT_PAYLOAD_SPEC, mode: 'hex', source });
let tick = 1_000_000;
const clock = () => (tick += 1000);

describe('LibraryStore', () => {
  it('starts empty without a file and writes a versioned document on the first save', async () => {
    const dir = tempDir();
    const store = new LibraryStore(dir, clock);
    expect(await store.list()).toEqual({ items: [], notice: null });
    expect(readdirSync(dir)).toEqual([]); // listing alone writes nothing

    const item = await store.save({
      name: 'Read holding registers',
      spec: hex('01 03 00 00 00 0A'),
    });
    const onDisk = JSON.parse(readFileSync(path.join(dir, LIBRARY_FILE), 'utf8'));
    expect(onDisk.version).toBe(LIBRARY_VERSION);
    expect(onDisk.items).toEqual([item]);
    expect(readdirSync(dir)).toEqual([LIBRARY_FILE]); // no temp file left behind
  });

  it('comes back after a restart, with every field of the spec', async () => {
    const dir = tempDir();
    const spec: PayloadSpec = {
      ...hex('01 03 00 00 00 0A'),
      checksum: { ...DEFAULT_PAYLOAD_SPEC.checksum, id: 'crc16-modbus', order: 'le' },
    };
    const saved = await new LibraryStore(dir, clock).save({ name: 'poll', spec });
    const again = await new LibraryStore(dir, clock).list();
    expect(again.items).toEqual([saved]);
    expect(again.items[0]).toMatchObject({ kind: 'payload', spec });
  });

  it('renames, duplicates next to the original, replaces a spec and deletes', async () => {
    const store = new LibraryStore(tempDir(), clock);
    const a = await store.save({ name: 'A', spec: hex('01') });
    const b = await store.save({ name: 'B', spec: hex('02') });
    expect((await store.rename(a.id, '  Alpha  ')).name).toBe('Alpha');
    const copy = await store.duplicate(a.id);
    expect(copy.name).toBe('Alpha (copy)');
    expect(copy.id).not.toBe(a.id);
    expect((await store.duplicate(copy.id)).name).toBe('Alpha (copy 2)');
    expect((await store.list()).items.map((i) => i.name)).toEqual([
      'Alpha',
      'Alpha (copy)',
      'Alpha (copy 2)',
      'B',
    ]);
    const replaced = await store.save({ id: b.id, name: 'B', spec: hex('03') });
    expect(replaced.spec.source).toBe('03');
    expect(replaced.createdAt).toBe(b.createdAt);
    expect(replaced.updatedAt).toBeGreaterThan(b.updatedAt);
    expect(await store.delete(b.id)).toBe(true);
    expect(await store.delete(b.id)).toBe(false);
    expect(await rejectedEnglish(store.rename(b.id, 'x'))).toMatch(
      `There is no item ${b.id} in the library`,
    );
  });

  it.each([
    ['not JSON', '{"version": 1, "items": [', /it is not valid JSON/],
    [
      'a newer version',
      JSON.stringify({ version: 99, items: [] }),
      /version: Invalid input: expected 2/,
    ],
    [
      'an item that does not validate',
      JSON.stringify({ version: 1, items: [{ id: 'x', name: '', spec: {} }] }),
      /items\.0\.name: Too small: expected string to have >=1 characters/,
    ],
  ])(
    'sets aside a file that is %s, says so once, and starts empty',
    async (_what, text, reason) => {
      const dir = tempDir();
      writeFileSync(path.join(dir, LIBRARY_FILE), text);
      const store = new LibraryStore(dir, clock);
      const first = inEnglish(await store.list());
      expect(first.items).toEqual([]);
      expect(first.notice).toMatch(reason);
      expect(first.notice).toMatch(
        /^The payload library .*payload-library\.json could not be read \(.*\), so it was kept as payload-library\.corrupt-[\dTZ-]+\.json and the library starts empty\.$/,
      );
      // The bad file is kept byte for byte, and the next listing is quiet.
      const backup = readdirSync(dir).find((f) => f.startsWith('payload-library.corrupt-'));
      expect(backup && readFileSync(path.join(dir, backup), 'utf8')).toBe(text);
      expect((await store.list()).notice).toBeNull();
      // Saving starts a fresh, valid library beside the backup.
      await store.save({ name: 'after', spec: hex('AA') });
      expect(readdirSync(dir).sort()).toEqual([backup, LIBRARY_FILE].sort());
    },
  );

  it('leaves a file the system will not hand over where it is, fails with a sentence, and reads it again later', async () => {
    const dir = tempDir();
    const file = path.join(dir, LIBRARY_FILE);
    // A folder in the file's place: reading fails with EISDIR, as real as EACCES or EIO.
    mkdirSync(file);
    writeFileSync(path.join(file, 'keep.txt'), 'mine');
    const store = new LibraryStore(dir, clock);
    const unreadable =
      /^The payload library .*payload-library\.json could not be read \(it is a folder, not a file\); it was left as it is, and the library is unavailable until that is fixed$/;
    expect(await rejectedEnglish(store.list())).toMatch(unreadable);
    expect(await rejectedEnglish(store.save({ name: 'x', spec: hex('01') }))).toMatch(unreadable);
    expect(await rejectedEnglish(store.export())).toMatch(unreadable);
    // Nothing was moved aside or written.
    expect(readdirSync(dir)).toEqual([LIBRARY_FILE]);
    expect(readFileSync(path.join(file, 'keep.txt'), 'utf8')).toBe('mine');
    // Once fixed, the very same store reads the library.
    rmSync(file, { recursive: true });
    const saved = await new LibraryStore(dir, clock).save({ name: 'poll', spec: hex('01') });
    expect(await store.list()).toEqual({ items: [saved], notice: null });
  });

  it('never overwrites a bad file it could not move aside, and sets it aside once it can', async () => {
    const dir = tempDir();
    const file = path.join(dir, LIBRARY_FILE);
    const text = '{"version": 1, "items": [';
    writeFileSync(file, text);
    const now = 1_700_000_000_000_000;
    const stamp = new Date(now / 1000).toISOString().replace(/[:.]/g, '-');
    // The name the backup would take is a folder that is not empty: the rename fails for real.
    const obstacle = path.join(dir, `payload-library.corrupt-${stamp}.json`);
    mkdirSync(obstacle);
    writeFileSync(path.join(obstacle, 'x'), '');
    const store = new LibraryStore(dir, () => now);
    const stuck =
      /could not be read \(it is not valid JSON .*\) nor moved aside \(.*\); it was left as it is, and nothing can be saved to the library until it is moved or repaired\.$/;
    const first = await store.list();
    expect(first.items).toEqual([]);
    expect(inEnglish(first.notice)).toMatch(stuck);
    expect(await rejectedEnglish(store.save({ name: 'x', spec: hex('01') }))).toMatch(stuck);
    expect(await rejectedEnglish(store.import(JSON.stringify({ version: 1, items: [] })))).toMatch(
      stuck,
    );
    expect(await rejectedEnglish(store.export())).toMatch(stuck);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readdirSync(dir).sort()).toEqual([LIBRARY_FILE, path.basename(obstacle)].sort());

    rmSync(obstacle, { recursive: true });
    expect(inEnglish((await store.list()).notice)).toMatch(
      /so it was kept as payload-library\.corrupt-/,
    );
    await store.save({ name: 'after', spec: hex('AA') });
    expect(readFileSync(obstacle, 'utf8')).toBe(text);
  });

  it('leaves a library another user cannot read alone (EACCES, as that user)', () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const file = path.join(dir, LIBRARY_FILE);
    const text = JSON.stringify({ version: LIBRARY_VERSION, items: [] });
    writeFileSync(file, text, { mode: 0o600 });
    const out = execFileSync(
      process.execPath,
      [JITI, path.join(ROOT, 'test/helpers/children/library-list.ts'), dir, '65534'],
      { cwd: ROOT, encoding: 'utf8', timeout: 30_000 },
    );
    const outcome = JSON.parse(out.trim().split('\n').pop() ?? '{}') as {
      message?: string;
      ref?: MessageRef;
    };
    expectChinese(outcome.ref, 'fs.permission-denied');
    expect(outcome.message).toMatch(
      /could not be read \(permission denied\); it was left as it is, and the library is unavailable until that is fixed$/,
    );
    expect(readdirSync(dir)).toEqual([LIBRARY_FILE]);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('leaves a library alone when the process has no file descriptor left for it (EMFILE)', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, LIBRARY_FILE), JSON.stringify({ version: 1, items: [] }));
    const child = path.join(ROOT, 'test/helpers/children/library-list.ts');
    const out = execFileSync(
      'sh',
      [
        '-c',
        'ulimit -n 1024 && exec "$@"',
        'sh',
        process.execPath,
        JITI,
        child,
        dir,
        '',
        'exhaust',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 30_000 },
    );
    const outcome = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { ref?: MessageRef };
    expectChinese(outcome.ref, 'fs.too-many-open');
    expect(readdirSync(dir)).toEqual([LIBRARY_FILE]);
  });

  it('exports a document that imports into another library with new ids', async () => {
    const from = new LibraryStore(tempDir(), clock);
    const a = await from.save({ name: 'A', spec: hex('01 02') });
    const { json, count } = await from.export();
    expect(count).toBe(1);
    const to = new LibraryStore(tempDir(), clock);
    await to.save({ name: 'Existing', spec: hex('FF') });
    const result = await to.import(json);
    expect(result.added).toBe(1);
    expect(result.items.map((i) => i.name)).toEqual(['Existing', 'A']);
    expect(result.items[1]?.id).not.toBe(a.id);
    expect(result.items[1]).toMatchObject({ kind: 'payload', spec: a.spec });
  });

  it('keeps sequences next to payloads: saved, replaced, duplicated, exported and imported', async () => {
    const dir = tempDir();
    const store = new LibraryStore(dir, clock);
    const poll = await store.save({ name: 'Poll', spec: hex('01 03') });
    const login = await store.saveSequence({ name: 'Login', script: 'send text HELLO\\r\\n' });
    expect(login).toMatchObject({ kind: 'sequence', name: 'Login' });
    const changed = await store.saveSequence({ id: login.id, name: 'Login', script: 'wait 1' });
    expect(changed).toMatchObject({ id: login.id, script: 'wait 1', createdAt: login.createdAt });
    // An id of the other kind is not replaced by mistake.
    expect(await rejectedEnglish(store.saveSequence({ id: poll.id, name: 'x', script: '' }))).toBe(
      `There is no item ${poll.id} in the library`,
    );
    expect(await store.duplicate(login.id)).toMatchObject({ script: 'wait 1' });
    const again = await new LibraryStore(dir, clock).list();
    expect(again.items.map((i) => [i.kind, i.name])).toEqual([
      ['payload', 'Poll'],
      ['sequence', 'Login'],
      ['sequence', 'Login (copy)'],
    ]);
    const other = new LibraryStore(tempDir(), clock);
    expect((await other.import((await store.export()).json)).added).toBe(3);
  });

  it('reads a version 1 library (payloads without a kind) and writes it back as version 2', async () => {
    const dir = tempDir();
    const v1 = {
      version: 1,
      items: [
        {
          id: 'a1',
          name: 'Old poll',
          spec: hex('01 03 00 00 00 0A'),
          createdAt: 1_000_000,
          updatedAt: 2_000_000,
        },
      ],
    };
    writeFileSync(path.join(dir, LIBRARY_FILE), JSON.stringify(v1));
    const store = new LibraryStore(dir, clock);
    const listed = await store.list();
    expect(listed.notice).toBeNull();
    expect(listed.items).toEqual([{ kind: 'payload', ...v1.items[0] }]);
    await store.saveSequence({ name: 'New', script: 'wait 5' });
    const onDisk = JSON.parse(readFileSync(path.join(dir, LIBRARY_FILE), 'utf8'));
    expect(onDisk.version).toBe(2);
    expect(onDisk.items.map((i: { kind: string }) => i.kind)).toEqual(['payload', 'sequence']);
    // An exported version 1 file imports too.
    const other = new LibraryStore(tempDir(), clock);
    expect((await other.import(JSON.stringify(v1))).items[0]).toMatchObject({ kind: 'payload' });
  });

  it('refuses to import what is not a library, and changes nothing', async () => {
    const store = new LibraryStore(tempDir(), clock);
    expect(await rejectedEnglish(store.import('[1, 2, 3]'))).toMatch(
      /^That file is not a Wirebench library: /,
    );
    expect(await rejectedEnglish(store.import('nope'))).toMatch(/not valid JSON/);
    expect((await store.list()).items).toEqual([]);
  });

  it('runs quick successive saves one after another, losing none', async () => {
    const dir = tempDir();
    const store = new LibraryStore(dir, clock);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.save({ name: `n${i}`, spec: hex('00') })),
    );
    expect((await new LibraryStore(dir, clock).list()).items).toHaveLength(20);
  });
});
