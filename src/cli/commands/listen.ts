import type { EndpointSpecInput } from '../../shared/contract/endpoint';
import { isMulticastAddress } from '../../shared/net/address';
import { parseHostPort } from '../address-arg';
import { HeadlessAutomation } from '../automation/headless-automation';
import {
  AUTOMATION_HELP,
  AUTOMATION_OPTIONS,
  readAutomationChoice,
} from '../automation/workspace-file';
import { EXIT, UsageError, optionNeeds, optionOnlyFor } from '../cli-errors';
import { parseEndpointCommand } from './endpoint-args';
import { aborted, type CliContext, type Command } from './command';
import { COMMON_HELP, COMMON_OPTIONS, FORMAT_SHORTHANDS, readOutputChoice } from './output-options';
import { Traffic } from './traffic';
import { sentenceOr } from '../messages';

const NAME = 'listen';

const HELP = `wirebench listen tcp|udp HOST:PORT [options]

Listens and shows every byte that arrives (and every byte sent back), until
Ctrl+C. TCP accepts any number of peers; UDP shows each datagram. Port 0
lets the system choose; the address it bound is said on stderr.

${COMMON_HELP}

Listening:
  --once                TCP: stop when the first peer's conversation ends
  --multicast GROUP     UDP: join GROUP (repeatable), e.g. 239.1.2.3
  --interface IFACE     UDP: join on this interface (a name such as lo or eth0, or one
                        of its addresses); the system chooses one otherwise

${AUTOMATION_HELP}

Examples:
  wirebench listen tcp 127.0.0.1:9000
  wirebench listen tcp 0.0.0.0:9000 --framing line --text
  wirebench listen tcp 127.0.0.1:9000 --jsonl > traffic.jsonl
  wirebench listen udp 0.0.0.0:5000 --multicast 239.1.2.3
  wirebench listen tcp 127.0.0.1:502 --workspace plc.json --rules modbus --capture plc.pcapng

Ctrl+C closes every socket and prints a summary (bytes and chunks each way)
on stderr; the exit code is then 0. A socket error (the port is in use, …)
is said on stderr with exit code 1; a mistake in the command, exit code 2.`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  ...FORMAT_SHORTHANDS,
  ...AUTOMATION_OPTIONS,
  once: { type: 'boolean' },
  multicast: { type: 'string', multiple: true },
  interface: { type: 'string' },
} as const;

async function run(args: string[], context: CliContext): Promise<number> {
  const parsed = parseEndpointCommand(NAME, args, OPTIONS, HELP, context, ['tcp', 'udp']);
  if (!parsed) return EXIT.ok;
  const { values, protocol, where } = parsed;
  const at = parseHostPort(NAME, where, 'the address to listen on (HOST:PORT)', {
    allowPortZero: true,
  });
  const choice = readOutputChoice(NAME, values);
  const groups = values.multicast ?? [];
  if (protocol === 'tcp' && groups.length > 0)
    throw new UsageError(optionOnlyFor('--multicast', 'UDP'), NAME);
  if (protocol === 'udp' && values.once) throw new UsageError(optionOnlyFor('--once', 'TCP'), NAME);
  const iface = values.interface;
  if (iface !== undefined && groups.length === 0)
    throw new UsageError(optionNeeds('--interface', '--multicast GROUP'), NAME);
  for (const g of groups)
    if (!isMulticastAddress(g))
      throw new UsageError(
        `--multicast ${g}: not a multicast group (224.0.0.0–239.255.255.255 or ff00::/8)`,
        NAME,
      );
  const automation = await readAutomationChoice(NAME, values);

  const spec: EndpointSpecInput =
    protocol === 'tcp'
      ? { kind: 'tcp-server', host: at.host, port: at.port }
      : {
          kind: 'udp',
          host: at.host,
          port: at.port,
          reuseAddr: groups.length > 0,
          groups: groups.map((group) => ({ group, ...(iface ? { iface } : {}) })),
        };
  const traffic = new Traffic(context, choice);
  const headless = new HeadlessAutomation(traffic);
  try {
    const info = await traffic.session.open(spec);
    context.terminal.say(sentenceOr(info.message, `Listening on ${where}`));
    for (const m of info.udp?.memberships ?? [])
      context.terminal.say(`Joined ${m.group}${m.iface ? ` on ${m.iface}` : ''}`);
    traffic.show();
    if (protocol === 'tcp') {
      traffic.announcePeers();
      traffic.closeOnFin();
    }
    headless.start(automation, { perPeer: true });
    const end = await Promise.race([
      aborted(context.interrupt).then(() => null),
      ended(traffic, values.once === true),
    ]);
    if (end?.failed) {
      context.terminal.say(`wirebench: ${end.failed}`);
      return EXIT.failed;
    }
  } finally {
    headless.stop();
    await traffic.finish({ countPeers: protocol === 'tcp' });
  }
  return EXIT.ok;
}

/** Resolves when the listener stops on its own (with why, if it failed), or with --once when its first peer is gone. */
function ended(traffic: Traffic, once: boolean): Promise<{ failed: string | null }> {
  return new Promise((resolve) => {
    traffic.session.watch.add({
      state: (state, message) => {
        if (state === 'failed') resolve({ failed: message ?? 'The listener failed' });
        if (state === 'closed') resolve({ failed: null });
      },
      gone: () => {
        if (once) resolve({ failed: null });
      },
    });
  });
}

export const listenCommand: Command = {
  name: NAME,
  summary: 'listen on TCP or UDP and show every byte that arrives',
  help: HELP,
  run,
};
