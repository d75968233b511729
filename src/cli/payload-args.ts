import { englishOf } from '../shared/messages/plain-formats';
import { randomBytes } from 'node:crypto';
import { CHECKSUM_IDS, getChecksum } from '../shared/payload/checksums/catalogue';
import { composePayload, type ComposeContext } from '../shared/payload/compose';
import { payloadSpecSchema, type PayloadSpec } from '../shared/payload/payload-spec';
import { choiceOption, intOption } from './args';
import {
  UsageError,
  badPayload,
  conflictingOptions,
  missingArgument,
  optionNeeds,
  payloadProblem,
} from './cli-errors';
import { readEncoding } from './commands/output-options';

/**
 * A payload from the command line, in the app's editor syntax and options:
 * `--hex "01 03 00 00 00 0A"` or `--text "HELLO\r\n"` (escapes and
 * placeholders such as {{counter}} as in the editor), then what the editor
 * appends: a line ending, a checksum. Composed by the app's own composer.
 */
export const PAYLOAD_OPTIONS = {
  hex: { type: 'string' },
  text: { type: 'string' },
  'line-ending': { type: 'string' },
  checksum: { type: 'string' },
  'checksum-order': { type: 'string' },
  'no-escapes': { type: 'boolean' },
} as const;

export const PAYLOAD_HELP = `Payload (the app's editor syntax):
  --hex "01 03 00 00 00 0A"   hex digits in pairs; spaces, commas, 0x and # comments allowed
  --text "PING {{counter}}\\r\\n"  text with escapes (\\r \\n \\t \\xNN \\u{…}) and placeholders
                             ({{counter}}, {{timestamp}}, {{random:N}})
  --line-ending L            none, lf, cr or crlf, appended (default none)
  --checksum C               appended: ${CHECKSUM_IDS.slice(0, 5).join(', ')},
                             ${CHECKSUM_IDS.slice(5).join(', ')}
  --checksum-order O         be or le (default: the algorithm's own; crc16-modbus is le)
  --no-escapes               take --text literally`;

type PayloadValues = {
  hex?: string | boolean;
  text?: string | boolean;
  encoding?: string;
  'line-ending'?: string;
  checksum?: string;
  'checksum-order'?: string;
  'no-escapes'?: boolean;
};

export function readPayloadSpec(command: string, values: PayloadValues): PayloadSpec {
  const hex = typeof values.hex === 'string' ? values.hex : undefined;
  const text = typeof values.text === 'string' ? values.text : undefined;
  if (hex !== undefined && text !== undefined)
    throw new UsageError(conflictingOptions('--hex', '--text'), command);
  if (hex === undefined && text === undefined)
    throw new UsageError(missingArgument('the payload: --hex "01 02" or --text "HELLO"'), command);
  const checksum = choiceOption(command, '--checksum', values.checksum, CHECKSUM_IDS);
  const order = choiceOption(command, '--checksum-order', values['checksum-order'], ['be', 'le']);
  if (order && !checksum)
    throw new UsageError(optionNeeds('--checksum-order', 'a --checksum'), command);
  const lineEnding =
    choiceOption(command, '--line-ending', values['line-ending'], ['none', 'lf', 'cr', 'crlf']) ??
    'none';
  return payloadSpecSchema.parse({
    mode: hex !== undefined ? 'hex' : 'text',
    source: hex ?? text ?? '',
    encoding: readEncoding(command, values.encoding),
    escapes: !values['no-escapes'],
    lineEnding,
    checksum: checksumField(checksum, order),
  });
}

/** The checksum as the spec holds it, in the algorithm's own byte order unless told (as the editor). */
export function checksumField(
  id: (typeof CHECKSUM_IDS)[number] | undefined,
  order: 'be' | 'le' | undefined,
): { id: 'none' } | { id: (typeof CHECKSUM_IDS)[number]; order: 'be' | 'le' } {
  return id ? { id, order: order ?? getChecksum(id).defaultOrder } : { id: 'none' };
}

/** Randomness and the clock for placeholders, as the app's main process gives them. */
export function composeContext(counter: number): ComposeContext {
  return {
    counter,
    nowMs: Date.now(),
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
  };
}

/**
 * The bytes for send number `counter`, or the first problem as a sentence
 * with its column (a UsageError: nothing was sent).
 */
export function composeOrExplain(command: string, spec: PayloadSpec, counter: number): Uint8Array {
  const result = composePayload(spec, composeContext(counter));
  if (result.ok) return result.bytes;
  const first = result.issues[0];
  if (!first) throw new UsageError(payloadProblem('it has an error'), command);
  const sentence =
    first.field === 'checksum'
      ? payloadProblem(englishOf(first.message))
      : badPayload(spec.mode, first.start + 1, englishOf(first.message));
  throw new UsageError(sentence, command);
}

/** `--repeat N --interval MS`: how many sends and how far apart (1000 ms unless told). */
export function readRepeat(
  command: string,
  values: { repeat?: string; interval?: string },
): { count: number; intervalMs: number } {
  const count = intOption(command, '--repeat', values.repeat, 1, 1_000_000_000) ?? 1;
  const intervalMs = intOption(command, '--interval', values.interval, 1, 24 * 60 * 60 * 1000);
  if (intervalMs !== undefined && count === 1 && values.repeat === undefined)
    throw new UsageError(optionNeeds('--interval', '--repeat N'), command);
  return { count, intervalMs: intervalMs ?? 1000 };
}
