import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIBRARY_VERSION } from '../../../src/shared/contract/library';
import { DEFAULT_PAYLOAD_SPEC, type PayloadSpec } from '../../../src/shared/payload/payload-spec';
import { LIBRARY_FILE, LibraryStore } from '../../../src/main/library/library-store';

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
    await expect(store.rename(b.id, 'x')).rejects.toThrow(
      `There is no item ${b.id} in the library`,
    );
  });

  it.each([
    ['not JSON', '{"version": 1, "items": [', /it is not valid JSON/],
    [
      'a newer version',
      JSON.stringify({ version: 99, items: [] }),
      /version: The library version is not 2/,
    ],
    [
      'an item that does not validate',
      JSON.stringify({ version: 1, items: [{ id: 'x', name: '', spec: {} }] }),
      /items\.0\.name: The name is empty/,
    ],
  ])(
    'sets aside a file that is %s, says so once, and starts empty',
    async (_what, text, reason) => {
      const dir = tempDir();
      writeFileSync(path.join(dir, LIBRARY_FILE), text);
      const store = new LibraryStore(dir, clock);
      const first = await store.list();
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
    await expect(store.saveSequence({ id: poll.id, name: 'x', script: '' })).rejects.toThrow(
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
    await expect(store.import('[1, 2, 3]')).rejects.toThrow(
      /^That file is not a Wirebench library: /,
    );
    await expect(store.import('nope')).rejects.toThrow(/not valid JSON/);
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
