import { PeriodicSender, composeForSend } from '../../main/engine/automation/periodic-sender';
import type { PayloadSpec } from '../../shared/payload/payload-spec';
import { parseHostPort } from '../address-arg';
import { intOption } from '../args';
import { conversationTarget } from '../automation/engine-targets';
import { CommandFailed, EXIT, UsageError, interrupted, noReply } from '../cli-errors';
import { errorSentence, sentenceOf, sentenceOr } from '../messages';
import {
  PAYLOAD_HELP,
  PAYLOAD_OPTIONS,
  composeContext,
  composeOrExplain,
  readPayloadSpec,
  readRepeat,
} from '../payload-args';
import { CLIENT_HELP, CLIENT_OPTIONS, clientSpec, readClientChoice } from './client-spec';
import { aborted, type CliContext, type Command } from './command';
import { COMMON_HELP, COMMON_OPTIONS, readOutputChoice } from './output-options';
import { parseEndpointCommand } from './endpoint-args';
import { Traffic } from './traffic';
import { waitForReply } from './wait-reply';

const NAME = 'send';

const HELP = `wirebench send tcp|udp HOST:PORT --hex H | --text T [options]

Connects, sends the payload (composed exactly as the app's editor composes
it, line ending and checksum appended), shows what goes and comes, and
closes. Exit code 0 when it was sent (and, with --wait-reply, answered),
1 when it could not be (or no reply came), 2 for a mistake in the command.

${PAYLOAD_HELP}

Sending:
  --repeat N            send N times (placeholders such as {{counter}} recomposed each time)
  --interval MS         between sends, kept on a monotonic clock (default 1000)
  --wait-reply MS       after the last send, wait up to MS for a reply (one message as
                        --framing cuts it; one read by default); exit code 1 if none comes

${CLIENT_HELP}

${COMMON_HELP.replace(
  / {2}--hex .*\n {2}--text .*\n/,
  '  (default)             hexdump -C lines (here --hex and --text name the payload;\n' +
    '                        -o text shows the traffic as text)\n',
)}

Examples:
  wirebench send tcp 10.0.0.5:502 --hex "01 03 00 00 00 0A" --checksum crc16-modbus --wait-reply 500
  wirebench send udp 127.0.0.1:5000 --text "PING {{counter}}" --repeat 10 --interval 100
  wirebench send tcp 127.0.0.1:9000 --text "你好" --encoding gbk --line-ending crlf
  wirebench send tcp 127.0.0.1:9000 --hex "AA 55" --wait-reply 1000 --framing fixed:8 --jsonl`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...PAYLOAD_OPTIONS,
  ...CLIENT_OPTIONS,
  repeat: { type: 'string' },
  interval: { type: 'string' },
  'wait-reply': { type: 'string' },
} as const;

async function run(args: string[], context: CliContext): Promise<number> {
  const parsed = parseEndpointCommand(NAME, args, OPTIONS, HELP, context, ['tcp', 'udp']);
  if (!parsed) return EXIT.ok;
  const { values, protocol, where } = parsed;
  const to = parseHostPort(NAME, where, 'where to send (HOST:PORT)', { allowPortZero: false });
  const choice = readOutputChoice(NAME, { ...values, hex: undefined, text: undefined });
  const client = readClientChoice(NAME, protocol, values);
  const spec = readPayloadSpec(NAME, values);
  const repeat = readRepeat(NAME, values);
  const waitMs = intOption(NAME, '--wait-reply', values['wait-reply'], 1, 600_000);
  composeOrExplain(NAME, spec, 0); // a mistake in the payload is said before anything is opened

  const traffic = new Traffic(context, choice);
  const { session, terminal } = traffic;
  try {
    const info = await session.open(await clientSpec(NAME, session, protocol, to, client));
    terminal.say(sentenceOr(info.message, `Connected to ${where}`));
    traffic.show();
    const reply = waitMs === undefined ? null : waitForReply(traffic);
    const sent = await Promise.race([
      sendAll(traffic, spec, repeat, context.interrupt, () => reply?.markLastSend()),
      aborted(context.interrupt).then(() => 'interrupted' as const),
    ]);
    if (sent === 'interrupted') {
      terminal.say(interrupted());
      return EXIT.interrupted;
    }
    if (reply && waitMs !== undefined) {
      const answered = await Promise.race([
        reply.wait(waitMs),
        aborted(context.interrupt).then(() => 'interrupted' as const),
      ]);
      if (answered === 'interrupted') {
        terminal.say(interrupted());
        return EXIT.interrupted;
      }
      if (answered !== 'replied') throw new CommandFailed(answered ?? noReply(waitMs));
    }
    session.endpoint.endSending();
    return EXIT.ok;
  } finally {
    await traffic.finish({ countPeers: false });
  }
}

/** Sends once, or N times on the engine's PeriodicSender; a failure is a sentence. */
async function sendAll(
  traffic: Traffic,
  spec: PayloadSpec,
  repeat: { count: number; intervalMs: number },
  interrupt: AbortSignal,
  lastSend: () => void,
): Promise<'sent'> {
  const { session } = traffic;
  if (repeat.count === 1) {
    lastSend();
    try {
      await session.engine.send(session.id, undefined, composeOrExplain(NAME, spec, 0));
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new CommandFailed(errorSentence(err));
    }
    return 'sent';
  }
  const sender = new PeriodicSender({
    intervalMs: repeat.intervalMs,
    count: repeat.count,
    target: conversationTarget(session, null),
    onSend: ({ index }) => {
      if (index === repeat.count - 1) lastSend();
    },
    compose: (index) => composeForSend(spec, composeContext(index)),
  });
  interrupt.addEventListener('abort', () => sender.stop(), { once: true });
  const stop = await sender.start();
  if (stop.reason === 'failed')
    throw new CommandFailed(
      `Stopped after ${stop.sent} of ${repeat.count} sends: ${sentenceOf(stop.problem)}`,
    );
  if (stop.skipped > 0)
    traffic.terminal.say(
      `${stop.skipped} sends were skipped: they fell due while an earlier send was still waiting`,
    );
  return 'sent';
}

export const sendCommand: Command = {
  name: NAME,
  summary: 'send a payload (hex or text, with its checksum), optionally wait for the reply',
  help: HELP,
  run,
};
