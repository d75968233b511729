import { msg, type MessageRef } from '../../../shared/messages/catalogue';
import { fileFailure } from '../system-errors';

/**
 * Every message a capture to disk says, one function each (catalogue
 * codes capture.*, said in the window's language).
 */

/** Writing stopped part way; the file keeps what reached the disk whole. */
export function captureWriteFailed(
  file: string,
  err: NodeJS.ErrnoException,
  kept: { chunks: number; fileBytes: number },
): MessageRef {
  const { chunks, fileBytes: size } = kept;
  if (err.code === 'ENOSPC') return msg('capture.write-failed-full', { file, chunks, size });
  return msg('capture.write-failed', { file, code: err.code ?? err.message, chunks, size });
}

/** Refused before a file was made: a capture on a full disk could only fail. */
export function captureDiskFull(dir: string, freeBytes: number): MessageRef {
  return msg('capture.disk-full', { dir, free: freeBytes });
}

export function captureCreateFailed(dir: string, err: NodeJS.ErrnoException): MessageRef {
  return msg('capture.create-failed', { dir, code: err.code ?? err.message });
}

/** The file a person named for a capture (the command line's --capture) could not be made. */
export function captureOpenFailed(file: string, err: NodeJS.ErrnoException): MessageRef {
  const reason = err.code === 'ENOENT' ? msg('fs.no-folder', {}) : fileFailure(err);
  return msg('capture.open-failed', { file, reason });
}

export function captureFallingBehind(file: string): MessageRef {
  return msg('capture.falling-behind', { file });
}

/** A capture log budget larger than the machine can give was made smaller. */
export function budgetClamped(asked: number, applied: number, totalMemory: number): MessageRef {
  return msg('capture.budget-clamped', { asked, total: totalMemory, applied });
}
