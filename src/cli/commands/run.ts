import { readFile } from 'node:fs/promises';
import { SequenceRun, type SequenceOutcome } from '../../main/engine/automation/sequence-runner';
import { isRunnable } from '../../shared/automation/script-ast';
import { parseScript } from '../../shared/automation/script-parser';
import { parseCommandArgs } from '../args';
import { conversationTarget } from '../automation/engine-targets';
import {
  connectionError,
  scriptError,
  writeJunit,
  type JunitError,
} from '../automation/junit-report';
import { StepRecord, describeStep } from '../automation/step-record';
import { CommandFailed, EXIT, UsageError, fileUnreadable, fileUnwritable } from '../cli-errors';
import { errorSentence, sentenceOf, sentenceOr } from '../messages';
import { composeContext } from '../payload-args';
import { CLIENT_HELP, CLIENT_OPTIONS, clientSpec, readClientChoice } from './client-spec';
import { aborted, type CliContext, type Command } from './command';
import { COMMON_HELP, COMMON_OPTIONS, FORMAT_SHORTHANDS, readOutputChoice } from './output-options';
import { readRunTarget } from './run-target';
import { Traffic } from './traffic';

const NAME = 'run';

const HELP = `wirebench run SCRIPT --connect tcp|udp HOST:PORT | --listen tcp HOST:PORT [options]

Runs a sequence (the app's script language: send, expect, wait, repeat) on
one connection: one it dials (--connect), or the first peer that connects to
it (--listen). Each step is said on stderr as it ends; the traffic goes to
stdout as with listen. Exit code 0 when the sequence passes; 1 when it fails,
naming the step and the reason; 2 when the script or the command has a
mistake; 130 when interrupted.

  --connect PROTO HOST:PORT   dial HOST:PORT over tcp or udp (with --tls: TLS)
  --listen tcp HOST:PORT      listen, and run on the first peer that connects
  --junit FILE                write a JUnit XML report (one test case a step) for CI

${CLIENT_HELP}

${COMMON_HELP}

The script (one statement a line; # starts a comment):
  send text HELLO\\r\\n
  send hex 01 03 00 00 00 0A +crc16-modbus
  expect regex /TOKEN=(\\w+)/ within 2000
  send text AUTH {{$1}}\\r\\n
  expect text OK within 500
  wait 100
  repeat 3
    send text PING {{counter}}\\n
    expect text PONG
  end

Examples:
  wirebench run login.wb --connect tcp 127.0.0.1:9000
  wirebench run login.wb --connect tcp device:7000 --junit report.xml --quiet
  wirebench run server.wb --listen tcp 127.0.0.1:9000 --capture run.pcapng`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...FORMAT_SHORTHANDS,
  ...CLIENT_OPTIONS,
  connect: { type: 'string' },
  listen: { type: 'string' },
  junit: { type: 'string' },
} as const;

async function run(args: string[], context: CliContext): Promise<number> {
  const parsed = parseCommandArgs(NAME, args, OPTIONS);
  const { values } = parsed;
  if (values.help) {
    context.terminal.data(`${HELP}\n`);
    return EXIT.ok;
  }
  const { scriptFile, target } = readRunTarget(NAME, args, parsed.positionals, values);
  const choice = readOutputChoice(NAME, values);
  const client = readClientChoice(NAME, target.protocol, values);
  const { terminal } = context;
  const source = await readFile(scriptFile, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(fileUnreadable('script', scriptFile, err.code), NAME);
  });
  const script = parseScript(source);
  const startedAt = Date.now();
  const t0 = performance.now();
  const junit = (steps: StepRecord | null, error?: JunitError) =>
    values.junit === undefined
      ? Promise.resolve()
      : writeJunit(values.junit, {
          script: scriptFile,
          startedAt,
          seconds: (performance.now() - t0) / 1000,
          steps: steps?.steps ?? [],
          error,
        }).catch((err: NodeJS.ErrnoException) => {
          throw new CommandFailed(fileUnwritable('JUnit report', values.junit ?? '', err));
        });
  for (const d of script.diagnostics)
    terminal.say(`${scriptFile}:${d.line}:${d.column}: ${d.severity}: ${sentenceOf(d)}`);
  if (!isRunnable(script)) {
    await junit(null, scriptError(scriptFile, script.diagnostics));
    throw new UsageError(`${scriptFile} has errors (above); nothing was run`, NAME);
  }

  const record = new StepRecord(script, source);
  const traffic = new Traffic(context, choice);
  const { session } = traffic;
  let outcome: SequenceOutcome | 'interrupted';
  try {
    const spec =
      target.mode === 'connect'
        ? await clientSpec(NAME, session, target.protocol, target.at, client)
        : ({ kind: 'tcp-server', host: target.at.host, port: target.at.port } as const);
    const info = await session.open(spec).catch(async (err: unknown) => {
      await junit(null, connectionError(errorSentence(err)));
      throw err;
    });
    terminal.say(sentenceOr(info.message, ''));
    traffic.show();
    if (target.protocol === 'tcp') traffic.closeOnFin();
    let peerId: string | null = null;
    if (target.mode === 'listen') {
      traffic.announcePeers();
      terminal.say('Waiting for a peer to connect…');
      const first = await Promise.race([
        firstPeer(traffic),
        aborted(context.interrupt).then(() => null),
      ]);
      if (first === null) {
        await junit(record);
        terminal.say('Interrupted before any peer connected');
        return EXIT.interrupted;
      }
      peerId = first;
    }
    const sequence = new SequenceRun({
      script,
      target: conversationTarget(session, peerId),
      encoding: choice.encoding,
      context: { randomBytes: composeContext(0).randomBytes },
      onStep: (event) => {
        const ended = record.note(event);
        if (!ended || (ended.state === 'passed' && record.nested(ended.step))) return;
        const mark = ended.state === 'passed' ? 'ok  ' : 'FAIL';
        terminal.say(`${mark} ${describeStep(ended)} (${Math.round(ended.ms)} ms)`);
      },
    });
    const onInterrupt = (): void => sequence.stop();
    context.interrupt.addEventListener('abort', onInterrupt, { once: true });
    outcome = await sequence.start();
    context.interrupt.removeEventListener('abort', onInterrupt);
    if (outcome.result === 'failed' && context.interrupt.aborted) outcome = 'interrupted';
  } finally {
    await traffic.finish({ countPeers: false });
  }
  // How the run went is said first: a report that cannot be written must not hide it.
  const code = report(outcome, record, terminal.say.bind(terminal), performance.now() - t0);
  await junit(record);
  return code;
}

function report(
  outcome: SequenceOutcome | 'interrupted',
  record: StepRecord,
  say: (line: string) => void,
  ms: number,
): number {
  if (outcome === 'interrupted') {
    say('Interrupted: the sequence did not finish');
    return EXIT.interrupted;
  }
  if (outcome.result === 'passed') {
    say(`Passed: ${record.steps.length} steps in ${Math.round(ms)} ms`);
    return EXIT.ok;
  }
  const step = record.steps[outcome.step];
  const where = step
    ? `step ${outcome.step + 1} (${describeStep(step)})`
    : `step ${outcome.step + 1}`;
  const pass = outcome.iteration.length > 0 ? `, pass ${outcome.iteration.join('.')}` : '';
  say(`Failed at ${where}${pass}: ${sentenceOf(outcome.problem)}`);
  return EXIT.failed;
}

/** The id of the first peer to connect. */
function firstPeer(traffic: Traffic): Promise<string> {
  return new Promise((resolve) => {
    const stop = traffic.session.watch.add({
      opened: (peer) => {
        stop();
        resolve(peer.id);
      },
    });
  });
}

export const runCommand: Command = {
  name: NAME,
  summary: 'run a sequence script against a device or a client; exit 0 passed, 1 failed',
  help: HELP,
  run,
};
