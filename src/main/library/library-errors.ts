import path from 'node:path';

/**
 * Every sentence the payload library says about its file, one function each,
 * so that a later change can turn each into a catalogue code with parameters.
 */

/** Why the system would not hand over the file, in words; its own message otherwise. */
function readFailure(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open right now';
    case 'EIO':
      return 'the disk reported an input/output error';
    default:
      return err.code ? `${err.code}: ${err.message}` : err.message;
  }
}

/** The file exists but could not be read: nothing was moved or changed. */
export function libraryUnreadable(file: string, err: NodeJS.ErrnoException): string {
  return `The payload library ${file} could not be read (${readFailure(err)}); it was left as it is, and the library is unavailable until that is fixed`;
}

/** The file did not parse or validate and now sits beside it as `backup`. */
export function librarySetAside(file: string, reason: string, backup: string): string {
  return `The payload library ${file} could not be read (${reason}), so it was kept as ${path.basename(backup)} and the library starts empty.`;
}

/**
 * The file did not parse or validate and could not be moved aside either:
 * it stays, and saving (which would replace it) is refused until it is dealt with.
 */
export function libraryStuck(file: string, reason: string, moveError: Error): string {
  return `The payload library ${file} could not be read (${reason}) nor moved aside (${moveError.message}); it was left as it is, and nothing can be saved to the library until it is moved or repaired.`;
}

export function librarySaveFailed(file: string, err: Error): string {
  return `The payload library could not be saved to ${file}: ${err.message}`;
}
