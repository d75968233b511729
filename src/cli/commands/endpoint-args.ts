import { parseProtocol } from '../address-arg';
import { parseCommandArgs, type Options } from '../args';
import { UsageError, unexpectedArgument } from '../cli-errors';
import type { CliContext } from './command';

/**
 * The start every `wirebench COMMAND PROTOCOL HOST:PORT [options]` shares:
 * options parsed strictly, --help printed, no third word, the protocol one
 * of those offered. Null when --help was asked for (and printed).
 */
export function parseEndpointCommand<
  const O extends Options & { help: { type: 'boolean' } },
  const P extends string,
>(
  command: string,
  args: string[],
  options: O,
  help: string,
  context: CliContext,
  offered: readonly P[],
) {
  const { values, positionals } = parseCommandArgs(command, args, options);
  if ('help' in values && values.help === true) {
    context.terminal.data(`${help}\n`);
    return null;
  }
  const [word, where, extra] = positionals;
  if (extra !== undefined) throw new UsageError(unexpectedArgument(extra), command);
  return { values, protocol: parseProtocol(command, word, offered), where };
}
