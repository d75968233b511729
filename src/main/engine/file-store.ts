import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileRef } from '../../shared/contract';
import { msg, type MessageRef } from '../../shared/messages/catalogue';
import { EndpointError } from './system-errors';

/** At most this many files are remembered; the oldest go first. */
const MAX_FILES = 256;

type Entry = { name: string; size: number } & ({ path: string } | { data: Buffer });

/**
 * The files a user chose for certificates and keys, by id. The window only
 * ever holds ids: a path comes from main's own dialog, uploaded bytes stay
 * in memory here. Nothing else can make main read a file.
 */
export class FileStore {
  private readonly files = new Map<string, Entry>();
  private next = 1;

  /** A file the user picked in the system dialog. */
  async addPath(filePath: string): Promise<FileRef> {
    const info = await stat(filePath).catch(() => null);
    if (!info || !info.isFile()) {
      throw new EndpointError(
        msg('file.not-readable', { name: path.basename(filePath) }),
        'not-found',
      );
    }
    return this.add({ name: path.basename(filePath), size: info.size, path: filePath });
  }

  /** A file the user uploaded (browser mode); its bytes are kept, not written anywhere. */
  addBytes(name: string, data: Uint8Array): FileRef {
    const copy = Buffer.from(data);
    return this.add({ name: path.basename(name), size: copy.byteLength, data: copy });
  }

  /** The file's bytes; `what` names it in a failure (a tls.file.* message). */
  async read(fileId: string, what: MessageRef): Promise<Buffer> {
    const entry = this.files.get(fileId);
    if (!entry) {
      throw new EndpointError(msg('file.forgotten', { what }), 'not-found');
    }
    if ('data' in entry) return entry.data;
    try {
      return await readFile(entry.path);
    } catch (err) {
      const gone = (err as NodeJS.ErrnoException).code === 'ENOENT';
      throw new EndpointError(
        msg(gone ? 'file.gone' : 'file.no-access', { what, name: entry.name }),
      );
    }
  }

  name(fileId: string): string {
    return this.files.get(fileId)?.name ?? fileId;
  }

  private add(entry: Entry): FileRef {
    const fileId = `f${this.next++}`;
    this.files.set(fileId, entry);
    if (this.files.size > MAX_FILES) {
      const oldest = this.files.keys().next().value;
      if (oldest !== undefined) this.files.delete(oldest);
    }
    return { fileId, name: entry.name, size: entry.size };
  }
}
