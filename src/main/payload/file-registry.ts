import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { msg } from '../../shared/messages/catalogue';
import { MAX_PAYLOAD_BYTES } from '../../shared/payload/payload-spec';
import { EndpointError, plain } from '../engine/system-errors';

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

type Entry = { info: PayloadFileInfo; path: string } | { info: PayloadFileInfo; bytes: Uint8Array };

/**
 * Files the user chose for `{{file:ID}}`: the renderer only ever holds an
 * id. A file chosen in the desktop app's dialog is kept as its path and read
 * at send time (so a firmware image rebuilt since is sent as it is now); a
 * file uploaded in the browser mode is kept as its bytes.
 */
export class PayloadFileRegistry {
  private readonly entries = new Map<string, Entry>();

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
      const detail = plain(err);
      throw new EndpointError(msg('payload-file.read-failed', { path: filePath, detail }));
    }
    const info = { id: newId(), name, size, head };
    this.entries.set(info.id, { info, path: filePath });
    return info;
  }

  /** Bytes the user uploaded with the page's file picker (browser mode). */
  addBytes(name: string, bytes: Uint8Array): PayloadFileInfo {
    tooBig(name, bytes.byteLength);
    const info = {
      id: newId(),
      name: path.basename(name),
      size: bytes.byteLength,
      head: bytes.slice(0, HEAD_BYTES),
    };
    this.entries.set(info.id, { info, bytes });
    this.evict();
    return info;
  }

  describe(id: string): PayloadFileInfo | null {
    return this.entries.get(id)?.info ?? null;
  }

  /**
   * The current bytes of each id; an id that is unknown is simply absent.
   * A file chosen by path may have grown since: its size is checked again
   * before it is read, and the files together may not pass 64 MiB.
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
      try {
        const stat = await fs.stat(entry.path);
        tooBig(entry.info.name, stat.size);
        total += stat.size;
        allTooBig(total);
        const data = await fs.readFile(entry.path);
        tooBig(entry.info.name, data.byteLength);
        out.set(id, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      } catch (err) {
        if (err instanceof EndpointError) throw err;
        const detail = plain(err);
        throw new EndpointError(msg('payload-file.read-failed', { path: entry.path, detail }));
      }
    }
    return out;
  }

  private evict(): void {
    let total = 0;
    const uploads = [...this.entries.values()].filter((e) => 'bytes' in e).reverse();
    for (const e of uploads) {
      total += e.info.size;
      if (total > MAX_UPLOADED_BYTES) this.entries.delete(e.info.id);
    }
  }
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

function newId(): string {
  return `f${randomBytes(6).toString('hex')}`;
}
