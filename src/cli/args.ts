import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  UsageError,
  notOneOf,
  notWholeNumber,
  optionNeedsValue,
  optionTakesNoValue,
  unexpectedArgument,
  unknownOption,
} from './cli-errors';

export type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * A command's arguments, parsed strictly by Node's own parser: an unknown
 * option or a missing value is a UsageError naming it (exit code 2), never
 * Node's message about its API.
 */
export function parseCommandArgs<const O extends Options>(
  command: string,
  args: string[],
  options: O,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(describeParseError(err), command);
  }
}

function describeParseError(err: unknown): string {
  const { code, message } = err as { code?: string; message?: string };
  const option = /'(-[^' ]*)/.exec(message ?? '')?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return unknownOption(option.split('=')[0] ?? option);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(message ?? '')
        ? optionTakesNoValue(option)
        : optionNeedsValue(option);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return unexpectedArgument(/'([^']*)'/.exec(message ?? '')?.[1] ?? '');
    default:
      return message ?? String(err);
  }
}

/** A whole number option in [min, max]; undefined when it was not given. */
export function intOption(
  command: string,
  option: string,
  text: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max)
    throw new UsageError(notWholeNumber(option, text, min, max), command);
  return value;
}

/** An option whose value is one of a few words; undefined when it was not given. */
export function choiceOption<const T extends string>(
  command: string,
  option: string,
  text: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (text === undefined) return undefined;
  const found = allowed.find((a) => a === text.toLowerCase());
  if (found === undefined) throw new UsageError(notOneOf(option, text, allowed), command);
  return found;
}
