import path from 'node:path';
import type { FileRef } from '../../shared/contract';
import { MAX_CERT_FILE_BYTES } from '../../shared/contract/ops/tls-ops';
import { msg, type MessageRef } from '../../shared/messages/catalogue';
import { EndpointError } from './system-errors';
import { newFileId, readChosenFile, type ChosenRead } from './chosen-file';

/** At most this many files are remembered; the oldest go first. */
const MAX_FILES = 256;

/** `copy`: the kept copy by content hash, read when the file at `path` is gone. */
type Entry = { name: string; size: number; copy?: string } & ({ path: string } | { data: Buffer });

/**
 * Where chosen files are copied so a set-up that names them (a workspace's
 * TLS server) still opens after a restart: main's KeptFiles over the data
 * folder's tls-files/. The engine knows only this shape.
 */
export interface FileKeeper {
  restore(): {
    info: { id: string; name: string; size: number };
    original: string | null;
    copy: string;
  }[];
  keep(
    info: { id: string; name: string; size: number; head: Uint8Array },
    bytes: Uint8Array,
    original: string | null,
  ): Promise<string>;
}

/**
 * The files a user chose for certificates and keys, by id. The window only
 * ever holds ids: a path comes from main's own dialog, uploaded bytes are
 * held here. Nothing else can make main read a file (besides the keeper's
 * own index in the data folder, which names the paths chosen before).
 *
 * Ids are random, never a counter: a workspace saved yesterday names its
 * files by id, and after a restart a counter would give those ids to
 * whatever file is chosen first, so a server would silently load the wrong
 * key. With a keeper, every file is also copied into the data folder and
 * known again by its id after a restart.
 */
export class FileStore {
  private readonly files = new Map<string, Entry>();

  constructor(private readonly keeper?: FileKeeper) {
    for (const { info, original, copy } of keeper?.restore() ?? []) {
      this.files.set(info.id, { name: info.name, size: info.size, path: original ?? copy, copy });
    }
  }

  /** A file the user picked in the system dialog. */
  async addPath(filePath: string): Promise<FileRef> {
    const name = path.basename(filePath);
    const read = await readChosenFile(filePath).catch(() => null);
    if (!read || 'refused' in read) {
      if (read?.refused === 'too-big') {
        // As an upload would be refused: no certificate is that big, and it is read whole.
        throw new EndpointError(
          msg('field.certificate-file-too-big', { max: MAX_CERT_FILE_BYTES }),
        );
      }
      throw new EndpointError(msg('file.not-readable', { name }), 'not-found');
    }
    const entry: Entry = { name, size: read.bytes.byteLength, path: filePath };
    const ref = this.add(entry);
    if (this.keeper) entry.copy = await this.keep(ref, read.bytes, filePath);
    return ref;
  }

  /** A file the user uploaded (browser mode): its bytes, and with a keeper a copy on disk. */
  addBytes(name: string, data: Uint8Array): FileRef {
    const copy = Buffer.from(data);
    const entry: Entry = { name: path.basename(name), size: copy.byteLength, data: copy };
    const ref = this.add(entry);
    // Kept in the background: the bytes are in memory until the copy is on disk.
    if (this.keeper) void this.keep(ref, copy, null).then((kept) => (entry.copy = kept));
    return ref;
  }

  /** The file's bytes; `what` names it in a failure (a tls.file.* message). */
  async read(fileId: string, what: MessageRef): Promise<Buffer> {
    const entry = this.files.get(fileId);
    if (!entry) {
      throw new EndpointError(msg('file.forgotten', { what }), 'not-found');
    }
    if ('data' in entry) return entry.data;
    let read: ChosenRead;
    try {
      read = await readChosenFile(entry.path).catch((err: NodeJS.ErrnoException) => {
        // Moved or deleted since it was chosen: the copy kept when it was.
        if (err.code === 'ENOENT' && entry.copy) return readChosenFile(entry.copy);
        throw err;
      });
    } catch (err) {
      const gone = (err as NodeJS.ErrnoException).code === 'ENOENT';
      throw new EndpointError(
        msg(gone ? 'file.gone' : 'file.no-access', { what, name: entry.name }),
      );
    }
    if ('bytes' in read) return read.bytes;
    // Replaced since it was chosen by a FIFO, a device, or something far too big.
    throw new EndpointError(
      read.refused === 'too-big'
        ? msg('file.too-big', { what, name: entry.name, max: MAX_CERT_FILE_BYTES })
        : msg('file.not-a-file', { what, name: entry.name }),
    );
  }

  name(fileId: string): string {
    return this.files.get(fileId)?.name ?? fileId;
  }

  /**
   * The copy's path, or undefined when it could not be written (a full
   * disk): the file still works until the app quits, only a restart forgets it.
   */
  private keep(ref: FileRef, bytes: Buffer, original: string | null): Promise<string | undefined> {
    // No head: the index would hold a key's first bytes (in a DER key, most of the secret).
    const info = { id: ref.fileId, name: ref.name, size: ref.size, head: new Uint8Array(0) };
    return this.keeper!.keep(info, bytes, original).catch(() => undefined);
  }

  private add(entry: Entry): FileRef {
    const fileId = newFileId();
    this.files.set(fileId, entry);
    if (this.files.size > MAX_FILES) {
      const oldest = this.files.keys().next().value;
      if (oldest !== undefined) this.files.delete(oldest);
    }
    return { fileId, name: entry.name, size: entry.size };
  }
}
