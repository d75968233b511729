import { msg, type MessageRef } from '../../shared/messages/catalogue';

/** What the core says about itself (not about a request or a socket). */

/** Told to every window when the last-resort handler caught something. */
export function unexpectedFailureNotice(logFile: string | null): MessageRef {
  return logFile
    ? msg('app.unexpected-error', { file: logFile })
    : msg('app.unexpected-error-stderr', {});
}
