import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { WirebenchEvent } from '../../shared/contract';
import { unexpectedFailureNotice } from './core-errors';

/** The file, in the data folder, where the main process records what it did not expect. */
export const LOG_FILE_NAME = 'wirebench.log';

/** Where a last-resort report goes: one line of text (with the stack) per failure. */
export type LastResortLog = (report: string) => void;

/** Past this many, a storm of failures (a timer that throws each tick) stops being written. */
export const MAX_REPORTS = 100;

/**
 * The main process's last line of defence (the Electron app and the browser
 * mode): an exception nobody caught, or a rejected promise nobody awaited,
 * is written down and the process keeps running, so the sockets a person
 * has open and the window they are looking at survive a bug in one corner.
 * Not a substitute for handling errors where they happen: every report
 * here is a bug to fix. Returns a function that removes the handlers.
 */
export function installLastResort(
  log: LastResortLog,
  target: NodeJS.EventEmitter = process,
): () => void {
  let reports = 0;
  const record = (what: string, reason: unknown): void => {
    reports++;
    if (reports > MAX_REPORTS) return;
    try {
      log(
        reports === MAX_REPORTS
          ? `${what}: ${describe(reason)}\n(${MAX_REPORTS} unexpected failures so far; later ones are not recorded)`
          : `${what}: ${describe(reason)}`,
      );
    } catch {
      // The log itself failed: nothing left to tell, and throwing here would end the process.
    }
  };
  const onException = (err: unknown): void => record('Unexpected error, kept running', err);
  const onRejection = (reason: unknown): void =>
    record('Unhandled promise rejection, kept running', reason);
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}

/**
 * A report to stderr, appended to `file` when there is one (a failure to
 * write it is ignored), and handed to `notify` (e.g. a notice to the windows).
 */
export function lastResortLog(
  options: { file?: string | null; notify?: (report: string) => void } = {},
): LastResortLog {
  return (report) => {
    const line = `${new Date().toISOString()} wirebench: ${report}\n`;
    process.stderr.write(line);
    if (options.file) {
      try {
        mkdirSync(path.dirname(options.file), { recursive: true });
        appendFileSync(options.file, line);
      } catch {
        // No disk to write to: stderr has it.
      }
    }
    options.notify?.(report);
  };
}

function describe(reason: unknown): string {
  if (reason instanceof Error) return reason.stack ?? `${reason.name}: ${reason.message}`;
  try {
    return typeof reason === 'string' ? reason : String(JSON.stringify(reason)).slice(0, 1000);
  } catch {
    return Object.prototype.toString.call(reason);
  }
}

/** The notice every window gets when the last resort caught something. */
export function unexpectedFailureEvent(logFile: string | null): WirebenchEvent {
  return {
    type: 'notice',
    level: 'error',
    endpointId: null,
    message: unexpectedFailureNotice(logFile),
  };
}
