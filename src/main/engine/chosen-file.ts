import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
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
    const bytes = Buffer.alloc(MAX_CERT_FILE_BYTES + 1);
    let filled = 0;
    while (filled < bytes.byteLength) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.byteLength - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > MAX_CERT_FILE_BYTES) return { refused: 'too-big' };
    return { bytes: Buffer.from(bytes.subarray(0, filled)) };
  } finally {
    await handle.close();
  }
}
