import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { intOption, parseCommandArgs } from '../args';
import { CommandFailed, EXIT, UsageError, serveMissing, unexpectedArgument } from '../cli-errors';
import type { CliContext, Command } from './command';

const NAME = 'serve';

const HELP = `wirebench serve [--port P] [options]

Starts the browser mode: the whole app (the same router and engine as the
desktop app) served over HTTP and a WebSocket on this machine, exactly as
npm run serve. It prints the URL to open (with its token) on stdout and
runs until Ctrl+C.

  --port P              the port (default: one the system chooses)
  --host H              the address to bind (default 127.0.0.1; anything else lets
                        anyone with the token in)
  --token T             the token in the URL (default: a random one)
  --data-dir DIR        the payload library, generated certificates, wirebench.log
  --captures-dir DIR    where captures to disk go
  --log-budget-mib N    the capture log's size (default 256)
  -h, --help            this help

Examples:
  wirebench serve --port 8080
  wirebench serve --port 8080 --data-dir ~/.wirebench   # then ssh -L 8080:127.0.0.1:8080 box`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string' },
  'data-dir': { type: 'string' },
  'captures-dir': { type: 'string' },
  'log-budget-mib': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The browser mode's server, built beside this file (out/main/serve.js). */
export function serveEntry(): string {
  return path.join(__dirname, 'serve.js');
}

/**
 * The browser mode is its own program (src/main/browser/serve.ts, built to
 * out/main/serve.js), so the command line starts it as a child process: the
 * command line never imports the browser server or the core, and the
 * browser mode runs exactly as `npm run serve` runs it. The child has its
 * own process group, so a Ctrl+C reaches it once, from here.
 */
async function run(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(NAME, args, OPTIONS);
  if (values.help) {
    context.terminal.data(`${HELP}\n`);
    return EXIT.ok;
  }
  // Checked here, so a mistake is exit code 2 like every command's (the server says 1).
  const [extra] = positionals;
  if (extra !== undefined) throw new UsageError(unexpectedArgument(extra), NAME);
  intOption(NAME, '--port', values.port, 0, 65535);
  intOption(NAME, '--log-budget-mib', values['log-budget-mib'], 1, 16 * 1024);
  const entry = serveEntry();
  if (!existsSync(entry)) throw new CommandFailed(serveMissing(entry));
  const child = spawn(process.execPath, [entry, ...args], { stdio: 'inherit', detached: true });
  const killChild = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.once('exit', killChild);
  context.interrupt.addEventListener('abort', () => child.kill('SIGINT'), { once: true });
  const code = await new Promise<number>((resolve, reject) => {
    child.once('error', (err) =>
      reject(new CommandFailed(`The browser mode did not start: ${err.message}`)),
    );
    child.once('exit', (exitCode, signal) =>
      resolve(exitCode ?? (signal ? EXIT.interrupted : EXIT.failed)),
    );
  });
  process.off('exit', killChild);
  return code;
}

export const serveCommand: Command = {
  name: NAME,
  summary: 'start the browser mode (the whole app in a browser), as npm run serve',
  help: HELP,
  run,
};
