import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { msg } from '../../shared/messages/catalogue';
import { MAX_PAYLOAD_BYTES } from '../../shared/payload/payload-spec';
import { newFileId, readUpTo } from '../engine/chosen-file';
import { EndpointError, plain } from '../engine/system-errors';
import type { KeptFiles } from './kept-files';

/** What the editor shows of a file: never its whole content. */
export interface PayloadFileInfo {
  id: string;
  name: string;
  size: number;
  head: Uint8Array;
}

const HEAD_BYTES = 32;
/** Uploaded files are held in memory; past this the oldest are let go. */
const MAX_UPLOADED_BYTES = 256 * 1024 * 1024;

/** `copy`: the kept copy by content hash (kept-files.ts), read when `path` is gone. */
type Entry =
  | { info: PayloadFileInfo; path: string; copy?: string }
  | { info: PayloadFileInfo; bytes: Uint8Array; copy?: string };

/**
 * Files the user chose for `{{file:ID}}`: the renderer only ever holds an
 * id. A file chosen in the desktop app's dialog is kept as its path and read
 * at send time (so a firmware image rebuilt since is sent as it is now); a
 * file uploaded in the browser mode is kept as its bytes.
 */
export class PayloadFileRegistry {
  private readonly entries = new Map<string, Entry>();

  /**
   * With `kept`, every chosen file is also copied into the data folder by
   * its content hash, and the files known before a restart are known again.
   */
  constructor(private readonly kept?: KeptFiles) {
    for (const { info, original, copy } of kept?.restore() ?? []) {
      this.entries.set(info.id, { info, path: original ?? copy, copy });
    }
  }

  /** A path that came from the system dialog, never from the renderer. */
  async addPath(filePath: string): Promise<PayloadFileInfo> {
    const name = path.basename(filePath);
    let size: number;
    let head: Uint8Array;
    try {
      const stat = await fs.stat(filePath);
      if (!stat.isFile())
        throw new EndpointError(msg('payload-file.not-a-file', { path: filePath }));
      size = stat.size;
      tooBig(name, size);
      const handle = await fs.open(filePath, 'r');
      try {
        const buffer = new Uint8Array(Math.min(HEAD_BYTES, size));
        await handle.read(buffer, 0, buffer.length, 0);
        head = buffer;
      } finally {
        await handle.close();
      }
    } catch (err) {
      if (err instanceof EndpointError) throw err;
      throw readFailed(filePath, err);
    }
    const info = { id: newFileId(), name, size, head };
    const entry: Entry = { info, path: filePath };
    this.entries.set(info.id, entry);
    if (this.kept) {
      const bytes = await fs.readFile(filePath).catch((err: unknown) => {
        throw readFailed(filePath, err);
      });
      entry.copy = await this.kept.keep(info, bytes, filePath);
    }
    return info;
  }

  /** Bytes the user uploaded with the page's file picker (browser mode). */
  addBytes(name: string, bytes: Uint8Array): PayloadFileInfo {
    tooBig(name, bytes.byteLength);
    const info = {
      id: newFileId(),
      name: path.basename(name),
      size: bytes.byteLength,
      head: bytes.slice(0, HEAD_BYTES),
    };
    const entry: Entry = { info, bytes };
    this.entries.set(info.id, entry);
    this.evict();
    // Kept in the background: the bytes are in memory until the copy is on disk.
    void this.kept?.keep(info, bytes, null).then(
      (copy) => (entry.copy = copy),
      () => undefined,
    );
    return info;
  }

  describe(id: string): PayloadFileInfo | null {
    return this.entries.get(id)?.info ?? null;
  }

  /**
   * The current bytes of each id; an id that is unknown is simply absent.
   * A file chosen by path may have grown since: its size is checked again
   * before it is read, and the files together may not pass 64 MiB. It is
   * read to the size it had then (readFile reads a file that says it is
   * empty, or a device, to its end), and must still be a regular file.
   */
  async load(ids: readonly string[]): Promise<Map<string, Uint8Array>> {
    const out = new Map<string, Uint8Array>();
    let total = 0;
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      if ('bytes' in entry) {
        total += entry.bytes.byteLength;
        allTooBig(total);
        out.set(id, entry.bytes);
        continue;
      }
      const handle = await openForSend(entry.path, entry.copy);
      try {
        const stat = await handle.stat();
        if (!stat.isFile()) throw notAFileAnyMore(entry.path);
        tooBig(entry.info.name, stat.size);
        total += stat.size;
        allTooBig(total);
        out.set(id, await readUpTo(handle, stat.size));
      } catch (err) {
        if (err instanceof EndpointError) throw err;
        throw readFailed(entry.path, err);
      } finally {
        await handle.close();
      }
    }
    return out;
  }

  private evict(): void {
    let total = 0;
    const uploads = [...this.entries.values()].filter((e) => 'bytes' in e).reverse();
    for (const e of uploads) {
      total += e.info.size;
      if (total <= MAX_UPLOADED_BYTES) continue;
      // Out of memory but still on disk when kept: its copy is read at send time instead.
      if (e.copy) this.entries.set(e.info.id, { info: e.info, path: e.copy, copy: e.copy });
      else this.entries.delete(e.info.id);
    }
  }
}

/**
 * The chosen file, or its kept copy when the file is gone (moved, deleted).
 * Not blocking: opening a FIFO nobody writes to would hold a pool thread forever.
 */
async function openForSend(filePath: string, copy: string | undefined): Promise<fs.FileHandle> {
  const open = (p: string) => fs.open(p, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    return await open(filePath);
  } catch (err) {
    const gone = (err as NodeJS.ErrnoException).code === 'ENOENT';
    if (gone && copy) return open(copy).catch(() => Promise.reject(readFailed(filePath, err)));
    throw readFailed(filePath, err);
  }
}

/** A file chosen earlier is now something else (a folder, a FIFO, a device). */
function notAFileAnyMore(filePath: string): EndpointError {
  return new EndpointError(
    msg('payload-file.not-a-file-any-more', { path: filePath }),
    'invalid-request',
  );
}

function readFailed(filePath: string, err: unknown): EndpointError {
  return new EndpointError(msg('payload-file.read-failed', { path: filePath, detail: plain(err) }));
}

function tooBig(name: string, size: number): void {
  if (size > MAX_PAYLOAD_BYTES) {
    throw new EndpointError(
      msg('payload-file.too-big', { name, size, max: MAX_PAYLOAD_BYTES }),
      'invalid-request',
    );
  }
}

function allTooBig(total: number): void {
  if (total > MAX_PAYLOAD_BYTES) {
    throw new EndpointError(
      msg('payload-file.all-too-big', { total, max: MAX_PAYLOAD_BYTES }),
      'invalid-request',
    );
  }
}
