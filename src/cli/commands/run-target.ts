import { parseHostPort, parseProtocol, type HostPort } from '../address-arg';
import {
  UsageError,
  conflictingOptions,
  missingArgument,
  optionOnlyFor,
  unexpectedArgument,
} from '../cli-errors';

export type RunTarget =
  | { mode: 'connect'; protocol: 'tcp' | 'udp'; at: HostPort }
  | { mode: 'listen'; protocol: 'tcp'; at: HostPort };

/**
 * `run SCRIPT --connect tcp HOST:PORT` (or `--listen tcp HOST:PORT`): the
 * address is the argument right after the protocol, wherever the option
 * stands; the one other positional argument is the script.
 */
export function readRunTarget(
  command: string,
  args: string[],
  positionals: string[],
  values: { connect?: string; listen?: string },
): { scriptFile: string; target: RunTarget } {
  if (values.connect !== undefined && values.listen !== undefined)
    throw new UsageError(conflictingOptions('--connect', '--listen'), command);
  const mode =
    values.connect !== undefined ? 'connect' : values.listen !== undefined ? 'listen' : null;
  if (mode === null)
    throw new UsageError(
      missingArgument('where to run: --connect tcp HOST:PORT or --listen tcp HOST:PORT'),
      command,
    );
  const flag = `--${mode}`;
  const at = args.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  const addressIndex = args[at]?.includes('=') ? at + 1 : at + 2;
  const address = args[addressIndex];
  if (address === undefined || address.startsWith('-') || !positionals.includes(address))
    throw new UsageError(
      missingArgument(`the address after ${flag} ${values[mode]} (HOST:PORT)`),
      command,
    );
  const rest = [...positionals];
  rest.splice(rest.indexOf(address), 1);
  const [scriptFile, extra] = rest;
  if (scriptFile === undefined) throw new UsageError(missingArgument('the script file'), command);
  if (extra !== undefined) throw new UsageError(unexpectedArgument(extra), command);
  const hostPort = parseHostPort(command, address, `the address after ${flag}`, {
    allowPortZero: mode === 'listen',
  });
  if (mode === 'listen') {
    const protocol = parseProtocol(command, values.listen, ['tcp', 'udp']);
    if (protocol !== 'tcp') throw new UsageError(optionOnlyFor('--listen', 'tcp'), command);
    return { scriptFile, target: { mode, protocol, at: hostPort } };
  }
  const protocol = parseProtocol(command, values.connect, ['tcp', 'udp']);
  return { scriptFile, target: { mode, protocol, at: hostPort } };
}
