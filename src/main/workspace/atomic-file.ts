import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Called after the new text is on disk in its temp file, before any rename (a test stops here). */
export type BeforeRename = (temp: string) => Promise<void>;

/**
 * Replaces `file` with `text` so that a crash at any moment leaves a whole
 * file to load: the text goes to a temp file and is fsynced; the current
 * file becomes `previous` (when asked to keep one); the temp file becomes `file`; the folder is
 * fsynced so both renames survive a power cut. Killed before the renames,
 * `file` is the old one; between them, `file` is missing and `previous` is
 * the old one, which the reader then loads.
 */
export async function writeAtomically(
  file: string,
  text: string | Uint8Array,
  {
    previous,
    beforeRename,
    mode,
  }: {
    previous?: string;
    beforeRename?: BeforeRename;
    /** Permission bits of the new file (before the umask); 0o666 when absent. */
    mode?: number;
  } = {},
): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  // Each write its own temp file: two saves of one file at once (two windows) sharing
  // one would truncate and overwrite each other's bytes, and one rename would fail.
  const temp = `${file}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await fs.open(temp, 'w', mode);
    try {
      await handle.writeFile(text); // a string as UTF-8
      await handle.sync();
    } finally {
      await handle.close();
    }
    await beforeRename?.(temp);
    if (previous) {
      await fs.rename(file, previous).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    }
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncFolder(dir);
}

async function syncFolder(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync; its renames are journalled by NTFS anyway.
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}
