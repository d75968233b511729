import { chmodSync, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../src/main/core/backend';
import { PayloadFileRegistry } from '../../../src/main/payload/file-registry';
import { KeptFiles } from '../../../src/main/payload/kept-files';
import type { Result } from '../../../src/shared/contract';
import { randomBytes } from '../../helpers/random-bytes';
import { must } from '../../helpers/result';
import { useScratch } from '../../helpers/scratch';
import { sha256 } from '../../helpers/sha256';

/**
 * Files a payload uses (`{{file:ID}}`) are kept in the data folder by their
 * content hash: after a restart, and after the original moved, a saved
 * payload still composes with the same bytes.
 */
const { dir: work } = useScratch('kept');

describe('payload files kept by content hash', () => {
  it('a file chosen by path sends after a restart even though the original moved', async () => {
    const keptDir = path.join(work, 'data-a', 'payload-files');
    const original = path.join(work, 'firmware.bin');
    const content = randomBytes(100_000, 12);
    writeFileSync(original, content);
    const before = new PayloadFileRegistry(new KeptFiles(keptDir));
    const info = await before.addPath(original);
    renameSync(original, path.join(work, 'moved.bin'));

    // A new process: the registry is built from the data folder alone.
    const after = new PayloadFileRegistry(new KeptFiles(keptDir));
    expect(after.describe(info.id)).toMatchObject({ name: 'firmware.bin', size: content.length });
    const loaded = await after.load([info.id]);
    expect(sha256(loaded.get(info.id) ?? new Uint8Array())).toBe(sha256(content));
    expect(existsSync(path.join(keptDir, sha256(content)))).toBe(true);

    // Through the router, as the editor's preview and Send compose it.
    const backend = createBackend({ version: 't', mode: 'browser', payloadFiles: after });
    try {
      const r = (await backend.router.handle('previewPayload', {
        spec: { mode: 'text', source: `{{file:${info.id}}}` },
        counter: 0,
      })) as Result<{ ok: boolean; length?: number }>;
      const preview = await must(Promise.resolve(r));
      expect(preview).toMatchObject({ ok: true, length: content.length });
    } finally {
      await backend.dispose();
    }
  });

  it('an uploaded file (browser mode) is known again after a restart, with its bytes', async () => {
    const keptDir = path.join(work, 'data-b', 'payload-files');
    const bytes = randomBytes(5000, 7);
    const kept = new KeptFiles(keptDir);
    const info = new PayloadFileRegistry(kept).addBytes('frame.bin', bytes);
    const after = () => new PayloadFileRegistry(new KeptFiles(keptDir));
    await expect.poll(() => after().describe(info.id)?.name).toBe('frame.bin');
    const loaded = await after().load([info.id]);
    expect(sha256(loaded.get(info.id) ?? new Uint8Array())).toBe(sha256(bytes));
  });

  it('a folder an older version made for everyone to read is owner-only from the next start', () => {
    // Before the copies were owner-only: payload-files/ 0755, its copies and index 0644.
    const keptDir = path.join(work, 'data-c', 'payload-files');
    const bytes = randomBytes(300, 3);
    mkdirSync(keptDir, { recursive: true, mode: 0o755 });
    chmodSync(keptDir, 0o755);
    writeFileSync(path.join(keptDir, sha256(bytes)), bytes, { mode: 0o644 });
    const index = [{ id: 'fold', name: 'old.bin', size: 300, head: '', sha256: sha256(bytes) }];
    writeFileSync(path.join(keptDir, 'index.json'), JSON.stringify(index), { mode: 0o644 });

    const after = new PayloadFileRegistry(new KeptFiles(keptDir));
    expect(after.describe('fold')?.name).toBe('old.bin');
    // Nobody else can reach into it, whatever each file's own bits say.
    expect(statSync(keptDir).mode & 0o777).toBe(0o700);
  });

  it('two apps on one data folder (the desktop app and the browser mode) both keep their files', async () => {
    const keptDir = path.join(work, 'data-d', 'payload-files');
    const desktop = new PayloadFileRegistry(new KeptFiles(keptDir));
    const browser = new PayloadFileRegistry(new KeptFiles(keptDir));
    const a = path.join(work, 'a.bin');
    const b = path.join(work, 'b.bin');
    writeFileSync(a, randomBytes(1000, 21));
    writeFileSync(b, randomBytes(1000, 22));
    const fromDesktop = await desktop.addPath(a);
    const fromBrowser = await browser.addPath(b);
    await desktop.addPath(a); // the desktop app writes its index again, last

    // Each wrote the whole index as it knew it: before, the last one erased the other's files.
    const after = new PayloadFileRegistry(new KeptFiles(keptDir));
    expect(after.describe(fromDesktop.id)?.name).toBe('a.bin');
    expect(after.describe(fromBrowser.id)?.name).toBe('b.bin');
  });

  it('an index with one damaged entry still knows the others', () => {
    const keptDir = path.join(work, 'data-e', 'payload-files');
    const bytes = randomBytes(200, 5);
    mkdirSync(keptDir, { recursive: true });
    writeFileSync(path.join(keptDir, sha256(bytes)), bytes);
    const good = { id: 'fgood', name: 'good.bin', size: 200, head: '', sha256: sha256(bytes) };
    const damaged = { id: 'fbad', name: 'bad.bin', size: -1, head: '', sha256: 'not a hash' };
    writeFileSync(path.join(keptDir, 'index.json'), JSON.stringify([damaged, good]));
    const after = new PayloadFileRegistry(new KeptFiles(keptDir));
    expect(after.describe('fgood')?.name).toBe('good.bin');
    expect(after.describe('fbad')).toBeNull();
  });

  it('past 512 files the oldest are forgotten and their copies removed; the rest stay whole', async () => {
    const keptDir = path.join(work, 'data-f', 'payload-files');
    const kept = new KeptFiles(keptDir);
    kept.restore();
    const contents = Array.from({ length: 520 }, (_, i) => randomBytes(64, 1000 + i));
    for (const [i, bytes] of contents.entries()) {
      await kept.keep({ id: `f${i}`, name: `${i}.bin`, size: 64, head: bytes }, bytes, null);
    }
    const after = new KeptFiles(keptDir).restore();
    expect(after.map((f) => f.info.id)).toEqual(contents.slice(8).map((_, i) => `f${i + 8}`));
    for (const [i, bytes] of contents.entries()) {
      expect(existsSync(path.join(keptDir, sha256(bytes)))).toBe(i >= 8);
    }
  });
});
