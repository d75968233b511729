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
});
