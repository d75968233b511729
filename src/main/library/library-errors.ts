import path from 'node:path';
import { msg, type MessageRef } from '../../shared/messages/catalogue';
import { fileFailure, plain } from '../engine/system-errors';

/**
 * Every message the payload library says about its file, one function each
 * (catalogue codes library.*, said in the window's language).
 */

/** The file exists but could not be read: nothing was moved or changed. */
export function libraryUnreadable(file: string, err: NodeJS.ErrnoException): MessageRef {
  return msg('library.unreadable', { file, reason: fileFailure(err) });
}

/** The file did not parse or validate and now sits beside it as `backup`. */
export function librarySetAside(file: string, reason: MessageRef, backup: string): MessageRef {
  return msg('library.set-aside', { file, reason, backup: path.basename(backup) });
}

/**
 * The file did not parse or validate and could not be moved aside either:
 * it stays, and saving (which would replace it) is refused until it is dealt with.
 */
export function libraryStuck(file: string, reason: MessageRef, moveError: Error): MessageRef {
  return msg('library.stuck', { file, reason, detail: plain(moveError) });
}

export function librarySaveFailed(file: string, err: Error): MessageRef {
  return msg('library.save-failed', { file, detail: plain(err) });
}
