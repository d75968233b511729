import { existsSync } from 'node:fs';
import path from 'node:path';
import type { JsonlRecord } from '../../src/shared/export/jsonl-export';
import { eventually, spawnPeer, type PeerProcess } from './peers';
import { ROOT } from './serve-process';

/** The built command line, as bin/wirebench.mjs runs it (`npm run build` makes it). */
export const CLI_JS = path.join(ROOT, 'out/main/cli.js');

/** The command line as a child process on plain Node, stdout kept as bytes, stderr as text. */
export interface CliProcess extends PeerProcess {
  /** Resolves with the first match of `pattern` in stderr (waits for it). */
  said(pattern: RegExp, ms?: number): Promise<RegExpExecArray>;
  /** SIGINT, as Ctrl+C sends it; resolves with the exit code once all output is read. */
  interrupt(): Promise<number | null>;
  /** The exit code, once the process ended and all its output is read. */
  done(): Promise<number | null>;
}

export function spawnCli(args: string[]): CliProcess {
  if (!existsSync(CLI_JS)) throw new Error(`${CLI_JS} is missing: run \`npm run build\` first`);
  const peer = spawnPeer(process.execPath, [CLI_JS, ...args]);
  // 'close' comes after 'exit' and after the last of stdout and stderr was read.
  const closed = new Promise<number | null>((resolve) =>
    peer.child.once('close', (code) => resolve(code)),
  );
  return {
    ...peer,
    done: () => closed,
    said: (pattern, ms = 10_000) =>
      eventually(
        () => pattern.exec(peer.stderr()),
        `stderr to say ${pattern}: ${peer.stderr()}`,
        ms,
      ),
    interrupt: () => {
      peer.child.kill('SIGINT');
      return closed;
    },
  };
}

/** Runs the command line to its end; `input` is written to its stdin, which is then closed. */
export async function runCli(
  args: string[],
  input?: Uint8Array | string,
): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  const cli = spawnCli(args);
  if (input !== undefined) cli.child.stdin?.end(input);
  else cli.child.stdin?.end();
  const code = await cli.done();
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

/** The port a listening command bound (it says `Listening on HOST:PORT` or `Relaying … from HOST:PORT`). */
export async function boundPort(cli: CliProcess): Promise<number> {
  const m = await cli.said(/(?:Listening on|Bound to|Relaying \S+(?: \S+)* from) \S*:(\d+)/);
  return Number(m[1]);
}

/** One JSON line per chunk or message, as --jsonl prints them: the log's export record. */
export interface JsonlLine extends JsonlRecord {
  error?: string;
}

export function jsonlLines(stdout: Buffer): JsonlLine[] {
  return stdout
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as JsonlLine);
}

/** The bytes of every line in one direction, in order. */
export function jsonlBytes(lines: JsonlLine[], direction: 'rx' | 'tx'): Buffer {
  return Buffer.concat(
    lines.filter((l) => l.direction === direction).map((l) => Buffer.from(l.hex, 'hex')),
  );
}
