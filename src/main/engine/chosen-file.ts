import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { MAX_CERT_FILE_BYTES } from '../../shared/contract/ops/tls-ops';

/** A chosen file's bytes, or why they were not read. */
export type ChosenRead = { bytes: Buffer } | { refused: 'not-a-file' | 'too-big' };

/**
 * The bytes of a file chosen for TLS, from one open handle: what is checked
 * is what is read, so a path swapped for something else after a stat cannot
 * slip past. Opened not blocking: a FIFO nobody writes to would otherwise
 * hold a pool thread for good (and with four of them every file read of
 * main); a FIFO or a device is refused before any byte is read. At most
 * MAX_CERT_FILE_BYTES: a file that grew past it is refused, not read whole.
 * Rejects with the system's error (ENOENT, EACCES, …) when it cannot be opened.
 */
export async function readChosenFile(filePath: string): Promise<ChosenRead> {
  const handle = await open(filePath, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { refused: 'not-a-file' };
    if (info.size > MAX_CERT_FILE_BYTES) return { refused: 'too-big' };
    // One byte more than allowed: a file still growing is caught here too.
    const bytes = await readUpTo(handle, MAX_CERT_FILE_BYTES + 1);
    if (bytes.byteLength > MAX_CERT_FILE_BYTES) return { refused: 'too-big' };
    return { bytes: Buffer.from(bytes) };
  } finally {
    await handle.close();
  }
}

/** The first `size` bytes of an open file (fewer if it is shorter): never more, however it grows. */
export async function readUpTo(handle: FileHandle, size: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(size);
  let filled = 0;
  while (filled < size) {
    const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return bytes.subarray(0, filled);
}

/**
 * An id for a file the person chose (a certificate, or a payload's file):
 * random, never a counter, so an id a workspace saved before a restart is
 * never given to another file after it.
 */
export function newFileId(): string {
  return `f${randomBytes(6).toString('hex')}`;
}
