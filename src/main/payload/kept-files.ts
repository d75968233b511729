import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeAtomically } from '../workspace/atomic-file';

/** What the index says of a kept file besides its content (the first bytes show in the editor). */
export interface KeptFileInfo {
  id: string;
  name: string;
  size: number;
  head: Uint8Array;
}

const INDEX_FILE = 'index.json';
/** The index remembers this many files; the oldest are forgotten (and their copy, if unshared). */
const MAX_KEPT = 512;
const OWNER_ONLY = 0o600;
const OWNER_ONLY_DIR = 0o700;

const entrySchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int().nonnegative(),
  head: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Where the person chose it (desktop app); absent for an upload. */
  path: z.string().optional(),
});
type KeptEntry = z.infer<typeof entrySchema>;

/** The whole entries of an index: a damaged one costs only itself, not every file kept. */
function parseIndex(text: string): KeptEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((e: unknown) => {
    const parsed = entrySchema.safeParse(e);
    return parsed.success ? [parsed.data] : [];
  });
}

/** A file known before the restart: its id, what it looked like, where its bytes are. */
export interface KeptFile {
  info: KeptFileInfo;
  /** The file the person chose, if any: read first, so a rebuilt image is sent as it is now. */
  original: string | null;
  /** The copy in the data folder, by content hash: read when the original is gone. */
  copy: string;
}

/**
 * Copies of the files a set-up refers to by id, kept in a folder of the
 * data folder by the sha256 of their content, with an index from id to
 * copy: the files payloads use (`{{file:ID}}`, payload-files/) and the TLS
 * certificates and keys (tls-files/). A payload or a TLS server saved in
 * the library or a workspace then still works after a restart, after an
 * upload's bytes left memory, or after the original file moved. Copies and
 * index are readable by their owner only: some are private keys.
 */
export class KeptFiles {
  private entries: KeptEntry[] = [];
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly dir: string) {}

  /** The index as it was saved (read at start, before the window asks for any file). */
  restore(): KeptFile[] {
    try {
      // A folder made before the copies were owner-only (0755, copies 0644) is closed here.
      chmodSync(this.dir, OWNER_ONLY_DIR);
    } catch {
      // none yet (made owner-only when the first file is kept), or not ours to change
    }
    try {
      this.entries = parseIndex(readFileSync(this.indexPath(), 'utf8')).slice(-MAX_KEPT);
    } catch {
      this.entries = []; // none yet, or unreadable: files chosen from now on are kept
    }
    return this.entries.map((e) => ({
      info: { id: e.id, name: e.name, size: e.size, head: Buffer.from(e.head, 'base64') },
      original: e.path ?? null,
      copy: this.copyPath(e.sha256),
    }));
  }

  /** Copies `bytes` (the file's content now) and notes it under the file's id; returns the copy. */
  async keep(info: KeptFileInfo, bytes: Uint8Array, original: string | null): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const copy = this.copyPath(sha256);
    await fs.mkdir(this.dir, { recursive: true, mode: OWNER_ONLY_DIR });
    const exists = await fs.stat(copy).then(
      (s) => s.size === bytes.byteLength,
      () => false,
    );
    if (!exists) await writeAtomically(copy, bytes, { mode: OWNER_ONLY });
    const head = Buffer.from(info.head).toString('base64');
    const entry = { id: info.id, name: info.name, size: info.size, head, sha256 };
    this.entries = [
      ...this.entries.filter((e) => e.id !== info.id),
      original ? { ...entry, path: original } : entry,
    ];
    await this.saveIndex();
    return copy;
  }

  private copyPath(sha256: string): string {
    return path.join(this.dir, sha256);
  }

  private indexPath(): string {
    return path.join(this.dir, INDEX_FILE);
  }

  /**
   * Writes the index, one write at a time. Another app on the same data
   * folder (the desktop app and the browser mode share one by default)
   * keeps its files in this index too: what it added is read back and kept,
   * not overwritten by the index as this app knew it at start.
   */
  private saveIndex(): Promise<void> {
    this.writing = this.writing.then(async () => {
      const onDisk = await fs.readFile(this.indexPath(), 'utf8').then(parseIndex, () => []);
      const known = new Set(this.entries.map((e) => e.id));
      const all = [...onDisk.filter((e) => !known.has(e.id)), ...this.entries];
      const dropped = all.slice(0, Math.max(0, all.length - MAX_KEPT));
      this.entries = all.slice(-MAX_KEPT);
      const used = new Set(this.entries.map((e) => e.sha256));
      await writeAtomically(this.indexPath(), JSON.stringify(this.entries), {
        mode: OWNER_ONLY,
      }).catch(() => undefined);
      for (const e of dropped) {
        if (!used.has(e.sha256))
          await fs.rm(this.copyPath(e.sha256), { force: true }).catch(() => undefined);
      }
    });
    return this.writing;
  }
}
