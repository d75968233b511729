import { APP_VERSION_TEXT } from './version';
import {
  EXIT,
  CommandFailed,
  Interrupted,
  UsageError,
  noCommand,
  unexpectedFailure,
  unknownCommand,
} from './cli-errors';
import type { CliContext, Command } from './commands/command';
import { COMMANDS } from './commands/all';
import { errorSentence } from './messages';
import { processTerminal, type Terminal } from './terminal';

/**
 * `wirebench`: the app's engine with a terminal front end. One command a
 * run; the exit code says how it went (cli-errors.ts). The first SIGINT or
 * SIGTERM asks the command to close cleanly; a second one ends at once.
 */

const TOP_HELP = `wirebench COMMAND [options]: the Wirebench engine from a terminal

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(9)} ${c.summary}`).join('\n')}

Run wirebench COMMAND --help for its options and examples.
Data goes to stdout, messages to stderr. Exit codes: 0 done, 1 failed
(a socket error, a sequence that failed, no reply), 2 a mistake in the
command, 130 interrupted (send, run).`;

export async function main(
  argv: string[],
  terminal: Terminal,
  context: Omit<CliContext, 'terminal'>,
): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (name === undefined) throw new UsageError(noCommand());
    if (name === '--help' || name === '-h' || name === 'help') {
      terminal.data(`${TOP_HELP}\n`);
      return EXIT.ok;
    }
    if (name === '--version' || name === '-V') {
      terminal.data(`${APP_VERSION_TEXT}\n`);
      return EXIT.ok;
    }
    const command: Command | undefined = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(unknownCommand(name));
    return await command.run(args, { ...context, terminal });
  } catch (err) {
    if (err instanceof UsageError) {
      terminal.say(`wirebench${err.command ? ` ${err.command}` : ''}: ${err.message}`);
      terminal.say(
        `Run 'wirebench${err.command ? ` ${err.command}` : ''} --help' for how to use it.`,
      );
      return EXIT.usage;
    }
    if (err instanceof Interrupted) {
      terminal.say(err.message);
      return EXIT.interrupted;
    }
    if (err instanceof CommandFailed) {
      terminal.say(`wirebench: ${err.message}`);
      return EXIT.failed;
    }
    terminal.say(`wirebench: ${unexpectedFailure(errorSentence(err))}`);
    if (process.env.WIREBENCH_DEBUG && err instanceof Error && err.stack) terminal.say(err.stack);
    return EXIT.failed;
  }
}

/** Runs the command line in this process and exits with its code. */
function start(): void {
  const stopper = new AbortController();
  const terminal = processTerminal(() => stopper.abort('stdout closed'));
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopper.signal.aborted) process.exit(EXIT.interrupted);
    stopper.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  main(process.argv.slice(2), terminal, { interrupt: stopper.signal, stdin: process.stdin })
    .then(async (code) => {
      await terminal.flush();
      process.exit(code);
    })
    .catch(() => process.exit(EXIT.failed));
}

start();
