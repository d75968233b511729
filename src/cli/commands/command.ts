import type { Terminal } from '../terminal';

/** What every command gets from the entry point. */
export interface CliContext {
  terminal: Terminal;
  /** Aborted by the first SIGINT or SIGTERM: the command closes cleanly and returns. */
  interrupt: AbortSignal;
  stdin: NodeJS.ReadableStream;
}

export interface Command {
  name: string;
  /** One line for `wirebench --help`. */
  summary: string;
  /** The whole `wirebench NAME --help`, examples included. */
  help: string;
  /** Resolves with the exit code. */
  run(args: string[], context: CliContext): Promise<number>;
}

/** Resolves when `signal` aborts (at once if it already has). */
export function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
