/**
 * Every sentence a capture to disk says, one function each, so that a later
 * change can turn each into a catalogue code with parameters.
 */

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${+(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

/** Writing stopped part way; the file keeps what reached the disk whole. */
export function captureWriteFailed(
  file: string,
  err: NodeJS.ErrnoException,
  kept: { chunks: number; fileBytes: number },
): string {
  const why = err.code === 'ENOSPC' ? 'the disk is full' : (err.code ?? err.message);
  return `Writing the capture file ${file} failed (${why}); the capture stopped, and the file keeps the ${kept.chunks} chunks (${size(kept.fileBytes)}) that reached the disk`;
}

/** Refused before a file was made: a capture on a full disk could only fail. */
export function captureDiskFull(dir: string, freeBytes: number): string {
  return `The disk holding ${dir} is full (${size(freeBytes)} free); free some space before capturing to disk`;
}

export function captureCreateFailed(dir: string, err: NodeJS.ErrnoException): string {
  return `Could not create a capture file in ${dir} (${err.code ?? err.message})`;
}

/** The file a person named for a capture (the command line's --capture) could not be made. */
export function captureOpenFailed(file: string, err: NodeJS.ErrnoException): string {
  const why =
    err.code === 'ENOENT'
      ? 'its folder does not exist'
      : err.code === 'EACCES' || err.code === 'EPERM'
        ? 'permission denied'
        : err.code === 'EISDIR'
          ? 'it is a folder'
          : (err.code ?? err.message);
  return `Could not create the capture file ${file}: ${why}`;
}

export function captureFallingBehind(file: string): string {
  return `The disk is not keeping up with the capture to ${file}; chunks that do not fit are counted as missed (they stay in the log while it has room)`;
}

/** A capture log budget larger than the machine can give was made smaller. */
export function budgetClampedSentence(asked: number, applied: number, totalMemory: number): string {
  return `A capture log budget of ${size(asked)} is more than half of this machine's memory (${size(totalMemory)}); the log keeps up to ${size(applied)} instead`;
}
