import type { EndpointState } from '../../shared/contract/endpoint';
import { payloadSpecSchema } from '../../shared/payload/payload-spec';
import { parseHostPort } from '../address-arg';
import { choiceOption } from '../args';
import { HeadlessAutomation } from '../automation/headless-automation';
import {
  AUTOMATION_HELP,
  AUTOMATION_OPTIONS,
  readAutomationChoice,
} from '../automation/workspace-file';
import { EXIT } from '../cli-errors';
import { parseEndpointCommand } from './endpoint-args';
import { CHECKSUM_IDS } from '../../shared/payload/checksums/catalogue';
import { CLIENT_HELP, CLIENT_OPTIONS, clientSpec, readClientChoice } from './client-spec';
import { aborted, type CliContext, type Command } from './command';
import { COMMON_HELP, COMMON_OPTIONS, FORMAT_SHORTHANDS, readOutputChoice } from './output-options';
import { checksumField } from '../payload-args';
import { sendStdinLines } from './stdin-lines';
import { Traffic, sessionEnded } from './traffic';
import { sentenceOr } from '../messages';

const NAME = 'connect';

const HELP = `wirebench connect tcp|udp HOST:PORT [options]

Connects, sends each line of stdin, and shows every byte both ways. When
stdin ends, TCP sends FIN and goes on showing what arrives until the peer
closes (as ncat does); a peer's FIN is answered with ours. Ctrl+C closes.

${CLIENT_HELP}

Input (each stdin line is a payload in the app's editor syntax):
  --send-as MODE        text (escapes such as \\r \\x01 work) or hex (default text)
  --line-ending L       appended to each line: none, lf, cr or crlf
                        (default lf for text, none for hex)
  --checksum C          appended to each line: ${CHECKSUM_IDS.join(', ')}
  --checksum-order O    be or le (default: the algorithm's own)
  --no-escapes          send text lines literally
  --keep-open           when stdin ends, do not send FIN

${COMMON_HELP}

${AUTOMATION_HELP}

Examples:
  wirebench connect tcp 127.0.0.1:9000
  printf 'GET / HTTP/1.0\\r\\n\\r\\n' | wirebench connect tcp example.com:80 --send-as text --line-ending none --text
  wirebench connect tcp 10.0.0.5:502 --send-as hex --checksum crc16-modbus
  wirebench connect tcp 127.0.0.1:8443 --tls --ca ca.pem --jsonl
  wirebench connect udp 127.0.0.1:5000 --capture talk.pcapng`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...FORMAT_SHORTHANDS,
  ...AUTOMATION_OPTIONS,
  ...CLIENT_OPTIONS,
  'send-as': { type: 'string' },
  'line-ending': { type: 'string' },
  checksum: { type: 'string' },
  'checksum-order': { type: 'string' },
  'no-escapes': { type: 'boolean' },
  'keep-open': { type: 'boolean' },
} as const;

async function run(args: string[], context: CliContext): Promise<number> {
  const parsed = parseEndpointCommand(NAME, args, OPTIONS, HELP, context, ['tcp', 'udp']);
  if (!parsed) return EXIT.ok;
  const { values, protocol, where } = parsed;
  const to = parseHostPort(NAME, where, 'where to connect (HOST:PORT)', { allowPortZero: false });
  const choice = readOutputChoice(NAME, values);
  const client = readClientChoice(NAME, protocol, values);
  const automation = await readAutomationChoice(NAME, values);
  const sendAs = choiceOption(NAME, '--send-as', values['send-as'], ['text', 'hex']) ?? 'text';
  const checksum = choiceOption(NAME, '--checksum', values.checksum, CHECKSUM_IDS);
  const order = choiceOption(NAME, '--checksum-order', values['checksum-order'], ['be', 'le']);
  const lineEnding =
    choiceOption(NAME, '--line-ending', values['line-ending'], ['none', 'lf', 'cr', 'crlf']) ??
    (sendAs === 'text' ? 'lf' : 'none');
  const template = payloadSpecSchema.parse({
    mode: sendAs,
    source: '',
    encoding: choice.encoding,
    escapes: !values['no-escapes'],
    lineEnding,
    checksum: checksumField(checksum, order),
  });

  const traffic = new Traffic(context, choice);
  const headless = new HeadlessAutomation(traffic);
  const { session, terminal } = traffic;
  let final: EndpointState = 'closed';
  // Stops reading stdin: Ctrl+C, or the connection is over.
  const inputStop = new AbortController();
  try {
    const info = await session.open(await clientSpec(NAME, session, protocol, to, client));
    terminal.say(sentenceOr(info.message, `Connected to ${where}`));
    traffic.show();
    if (protocol === 'tcp') traffic.closeOnFin();
    headless.start(automation, { perPeer: false });
    const ended = sessionEnded(traffic);
    void ended.then(() => inputStop.abort());
    context.interrupt.addEventListener('abort', () => inputStop.abort(), { once: true });
    void sendStdinLines({
      stdin: context.stdin,
      template,
      terminal,
      send: (bytes) => session.engine.send(session.id, undefined, bytes),
      stop: inputStop.signal,
    }).then(() => {
      if (inputStop.signal.aborted) return;
      if (protocol === 'tcp' && !values['keep-open'] && session.endpoint.endSending())
        terminal.say('Input ended: sent FIN; showing what arrives until the peer closes');
    });
    const end = await Promise.race([aborted(context.interrupt).then(() => null), ended]);
    if (end) {
      final = end.state;
      terminal.say(end.message ?? 'The connection closed');
    }
  } finally {
    inputStop.abort();
    headless.stop();
    await traffic.finish({ countPeers: false });
  }
  return final === 'failed' ? EXIT.failed : EXIT.ok;
}

export const connectCommand: Command = {
  name: NAME,
  summary: 'connect (TCP, TLS or UDP), send stdin lines, show every byte both ways',
  help: HELP,
  run,
};
