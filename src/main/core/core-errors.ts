/** The sentences the core says about itself (not about a request or a socket). */

/** Told to every window when the last-resort handler caught something. */
export function unexpectedFailureNotice(logFile: string | null): string {
  return logFile
    ? `Wirebench hit an unexpected error and kept running; the details are in ${logFile}`
    : 'Wirebench hit an unexpected error and kept running; the details are on its standard error';
}
