import type { Disturbance, RelayDirection } from '../../shared/contract/relay';
import { RELAY_LOG_LABELS } from '../../shared/contract/relay-labels';
import { RelayEndpoint } from '../../main/engine/relay/relay';
import { parseHostPort } from '../address-arg';
import { choiceOption, intOption } from '../args';
import { CommandFailed, EXIT, UsageError, optionOnlyFor } from '../cli-errors';
import { aborted, type CliContext, type Command } from './command';
import { COMMON_HELP, COMMON_OPTIONS, FORMAT_SHORTHANDS, readOutputChoice } from './output-options';
import { parseEndpointCommand } from './endpoint-args';
import { Traffic, sessionEnded } from './traffic';
import { errorSentence, sentenceOr } from '../messages';

const NAME = 'relay';

const HELP = `wirebench relay tcp|tls|udp HOST:PORT --target HOST:PORT [options]

Listens where a device connects, dials its real server (--target) for each
device, and passes the bytes both ways while showing them: RX is
${RELAY_LOG_LABELS.rx}, TX is ${RELAY_LOG_LABELS.tx}. Disturbances test how
either side copes with a slow or chopped-up network. Ctrl+C closes every
socket and prints a summary.

Relaying:
  --target HOST:PORT    the real server
  --latency MS          hold every chunk MS before passing it on
  --split N             pass each chunk on as N separate writes (2–1024)
  --split-gap MS        the pause between those writes (default 5)
  --drop PERCENT        UDP: drop this share of datagrams
  --only DIRECTION      disturb only device-to-server or server-to-device (default both)
  tls                   terminates TLS from the device with a self-signed certificate
                        and speaks plain TCP to the target

${COMMON_HELP}

Examples:
  wirebench relay tcp 127.0.0.1:9000 --target 10.0.0.5:502
  wirebench relay tcp 127.0.0.1:9000 --target 127.0.0.1:8000 --latency 200 --split 3
  wirebench relay udp 0.0.0.0:5000 --target 10.0.0.7:5000 --drop 10 --jsonl`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...FORMAT_SHORTHANDS,
  target: { type: 'string' },
  latency: { type: 'string' },
  split: { type: 'string' },
  'split-gap': { type: 'string' },
  drop: { type: 'string' },
  only: { type: 'string' },
} as const;

async function run(args: string[], context: CliContext): Promise<number> {
  const parsed = parseEndpointCommand(NAME, args, OPTIONS, HELP, context, ['tcp', 'tls', 'udp']);
  if (!parsed) return EXIT.ok;
  const { values, protocol: mode, where } = parsed;
  const at = parseHostPort(NAME, where, 'the address to listen on (HOST:PORT)', {
    allowPortZero: true,
  });
  const target = parseHostPort(NAME, values.target, '--target HOST:PORT', { allowPortZero: false });
  const choice = readOutputChoice(NAME, values);
  const change: Partial<Disturbance> = {};
  const latency = intOption(NAME, '--latency', values.latency, 0, 60_000);
  if (latency !== undefined) change.latencyMs = latency;
  const pieces = intOption(NAME, '--split', values.split, 2, 1024);
  if (pieces !== undefined) Object.assign(change, { split: 'pieces', pieces });
  const gap = intOption(NAME, '--split-gap', values['split-gap'], 0, 10_000);
  if (gap !== undefined) change.pieceGapMs = gap;
  const drop = intOption(NAME, '--drop', values.drop, 0, 100);
  if (drop !== undefined && mode !== 'udp')
    throw new UsageError(optionOnlyFor('--drop', 'a UDP relay'), NAME);
  if (drop !== undefined) change.dropPercent = drop;
  const only = choiceOption(NAME, '--only', values.only, ['device-to-server', 'server-to-device']);
  const directions: RelayDirection[] = only ? [only] : ['device-to-server', 'server-to-device'];

  const traffic = new Traffic(context, choice);
  const { session, terminal } = traffic;
  try {
    const info = await session.open({
      kind: 'relay',
      mode,
      host: at.host,
      port: at.port,
      targetHost: target.host,
      targetPort: target.port,
    });
    const relay = session.endpoint;
    if (!(relay instanceof RelayEndpoint)) throw new Error('the relay endpoint is not a relay');
    try {
      for (const d of directions)
        if (Object.keys(change).length > 0) relay.setDisturbance(d, change);
    } catch (err) {
      throw new CommandFailed(errorSentence(err));
    }
    terminal.say(sentenceOr(info.message, `Relaying from ${where}`));
    terminal.say(`RX is ${RELAY_LOG_LABELS.rx}, TX is ${RELAY_LOG_LABELS.tx}`);
    traffic.show();
    if (mode !== 'udp') traffic.announcePeers();
    await Promise.race([aborted(context.interrupt), sessionEnded(traffic)]);
  } finally {
    await traffic.finish({ countPeers: true });
  }
  return EXIT.ok;
}

export const relayCommand: Command = {
  name: NAME,
  summary: 'relay a device to its server, showing and disturbing the bytes both ways',
  help: HELP,
  run,
};
