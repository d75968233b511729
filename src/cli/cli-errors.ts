/**
 * How the command line fails, and every sentence of its own (what the engine
 * says is printed as the engine says it). One function per sentence, so a
 * later change can turn each into a catalogue code with parameters.
 */

/** The exit codes, as scripts and CI read them. */
export const EXIT = {
  ok: 0,
  /** The command ran and something failed: a socket error, a sequence, no reply. */
  failed: 1,
  /** The command was called wrongly: nothing was tried. */
  usage: 2,
  /** Stopped by SIGINT before it finished on its own (send, run). */
  interrupted: 130,
} as const;

/** A mistake in how the command was called: exit code 2, with a pointer to --help. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose --help to point at; null for the top level. */
    readonly command: string | null = null,
  ) {
    super(message);
  }
}

/** Something failed while the command ran, said as a sentence: exit code 1. */
export class CommandFailed extends Error {}

/** Ctrl+C came while something was still starting (a dial waiting out its timeout): exit code 130. */
export class Interrupted extends Error {
  constructor() {
    super(interrupted());
  }
}

export const COMMAND_NAMES = 'listen, connect, send, run, relay and serve';

export function unknownCommand(word: string): string {
  return `'${word}' is not a wirebench command; the commands are ${COMMAND_NAMES}`;
}

export function noCommand(): string {
  return `Name a command: ${COMMAND_NAMES}`;
}

export function unknownOption(option: string): string {
  return `Unknown option ${option}`;
}

export function optionNeedsValue(option: string): string {
  return `${option} needs a value`;
}

export function optionTakesNoValue(option: string): string {
  return `${option} takes no value`;
}

export function unexpectedArgument(text: string): string {
  return `Unexpected argument '${text}'`;
}

export function missingArgument(what: string): string {
  return `Missing ${what}`;
}

export function protocolNotOffered(command: string, word: string, offered: string[]): string {
  return `'${command}' works over ${joinOr(offered)}, not '${word}'`;
}

export function notHostPort(text: string): string {
  return `'${text}' is not HOST:PORT (such as 127.0.0.1:9000, [::1]:9000 or localhost:80)`;
}

export function notWholeNumber(option: string, text: string, min: number, max: number): string {
  return `${option} must be a whole number from ${min} to ${max}, not '${text}'`;
}

export function notOneOf(option: string, text: string, allowed: readonly string[]): string {
  return `${option} is one of ${joinOr([...allowed])}, not '${text}'`;
}

export function conflictingOptions(a: string, b: string): string {
  return `${a} and ${b} cannot be used together`;
}

export function optionNeeds(option: string, needed: string): string {
  return `${option} needs ${needed}`;
}

export function optionOnlyFor(option: string, what: string): string {
  return `${option} is only for ${what}`;
}

export function badFraming(text: string): string {
  return `--framing '${text}' is not a framing: use line, delim:TEXT, fixed:N, len:u8|u16be|u16le|u32be|u32le or gap:MS`;
}

/** A payload's source has a mistake at a position (1-based column), as the editor marks it. */
export function badPayload(mode: 'hex' | 'text', column: number, detail: string): string {
  return `Bad ${mode} at column ${column}: ${detail}`;
}

export function payloadProblem(detail: string): string {
  return `The payload cannot be sent: ${detail}`;
}

export function fileUnreadable(what: string, file: string, code: string | undefined): string {
  const why =
    code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : code;
  return `Could not read the ${what} ${file}: ${why ?? 'it could not be read'}`;
}

export function fileUnwritable(
  what: string,
  file: string,
  err: { code?: string; message: string },
): string {
  const why =
    err.code === 'ENOENT'
      ? 'its folder does not exist'
      : err.code === 'EISDIR'
        ? 'it is a folder'
        : err.code === 'EACCES' || err.code === 'EPERM'
          ? 'permission denied'
          : err.code === 'ENOTDIR'
            ? 'part of its path is not a folder'
            : err.message;
  return `Could not write the ${what} ${file}: ${why}`;
}

export function notJson(file: string, detail: string): string {
  return `${file} is not JSON: ${detail}`;
}

/** `problem` names where in the document, as the app's own message says it. */
export function workspaceInvalid(file: string, problem: string): string {
  return `${file} is not a workspace Wirebench can read (${problem})`;
}

export function nameNotInWorkspace(
  what: string,
  name: string,
  file: string,
  known: string[],
): string {
  const list = known.length > 0 ? `it has ${known.map((k) => `'${k}'`).join(', ')}` : 'it has none';
  return `${file} has no ${what} named '${name}'; ${list}`;
}

export function ruleCannotRun(name: string, detail: string): string {
  return `Rule ${name} cannot run and is skipped: ${detail}`;
}

export function lineTooLong(line: number, maxBytes: number): string {
  return `line ${line} is longer than ${maxBytes} bytes (the most the editor holds); it was skipped`;
}

export function noReply(ms: number): string {
  return `No reply came within ${ms} ms`;
}

export function peerClosedBeforeReply(): string {
  return 'The peer closed the connection before it replied';
}

export function noReplyAfterError(): string {
  return 'No reply came: the socket reported the error above';
}

export function serveMissing(file: string): string {
  return `The browser mode is not built (${file} is missing): run npm run build`;
}

export function interrupted(): string {
  return 'Interrupted';
}

export function unexpectedFailure(detail: string): string {
  return `Something went wrong that Wirebench did not expect: ${detail}`;
}

/** `a`, `a or b`, `a, b or c`. */
export function joinOr(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}
