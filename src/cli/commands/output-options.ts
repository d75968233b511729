import type { FramingSpec } from '../../shared/framing/framing-spec';
import { TEXT_ENCODING_NAMES, type TextEncodingName } from '../../shared/payload/encodings';
import { choiceOption, intOption } from '../args';
import { UsageError, conflictingOptions } from '../cli-errors';
import { OUTPUT_FORMATS, type OutputFormat } from '../output/chunk-printer';
import { parseFraming } from '../output/framing-arg';

/**
 * The options every byte-moving command shares: how data is shown on
 * stdout, how received bytes are cut into messages, the connection's text
 * encoding, a pcapng capture, and the capture log's size.
 */
export const COMMON_OPTIONS = {
  output: { type: 'string', short: 'o' },
  jsonl: { type: 'boolean' },
  raw: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  framing: { type: 'string' },
  encoding: { type: 'string' },
  capture: { type: 'string' },
  'log-budget-mib': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The shorthands `--hex` and `--text`, for the commands where they name no payload. */
export const FORMAT_SHORTHANDS = {
  hex: { type: 'boolean' },
  text: { type: 'boolean' },
} as const;

export const COMMON_HELP = `Output (stdout holds only data; messages go to stderr):
  --hex                 hexdump -C lines, a header (time, RX/TX, peer, length) each (default)
  --text                the bytes as text in --encoding, invisible characters as escapes
  --jsonl               one JSON object a chunk or message: time_us, direction, peer, length,
                        hex, base64 (the app's JSONL export)
  --raw                 the received bytes exactly as they came, nothing else
  -q, --quiet           no data; only the summary at the end
  -o, --output FORMAT   the same as a word: hex, text, jsonl, raw or none
  --framing F           cut received bytes into messages: line, delim:TEXT, fixed:N,
                        len:u8|u16be|u16le|u32be|u32le[+N], gap:MS (default: each read)
  --encoding E          the connection's text encoding (utf-8, gbk, …; default utf-8)
  --capture FILE        write every byte both ways to FILE as pcapng (Wireshark, tshark)
  --log-budget-mib N    memory for the capture log (default 8)
  -h, --help            this help`;

export interface OutputChoice {
  format: OutputFormat;
  framing: FramingSpec;
  encoding: TextEncodingName;
  capture: string | undefined;
  logBudgetBytes: number | undefined;
}

type CommonValues = {
  output?: string;
  hex?: boolean | string;
  text?: boolean | string;
  jsonl?: boolean;
  raw?: boolean;
  quiet?: boolean;
  framing?: string;
  encoding?: string;
  capture?: string;
  'log-budget-mib'?: string;
};

export function readOutputChoice(command: string, values: CommonValues): OutputChoice {
  const flags: Array<[string, OutputFormat]> = [];
  if (values.hex === true) flags.push(['--hex', 'hex']);
  if (values.text === true) flags.push(['--text', 'text']);
  if (values.jsonl) flags.push(['--jsonl', 'jsonl']);
  if (values.raw) flags.push(['--raw', 'raw']);
  if (values.quiet) flags.push(['--quiet', 'none']);
  const word = choiceOption(command, '--output', values.output, OUTPUT_FORMATS);
  if (word !== undefined) flags.push(['--output', word]);
  if (flags.length > 1)
    throw new UsageError(conflictingOptions(flags[0]![0], flags[1]![0]), command);
  const budgetMiB = intOption(command, '--log-budget-mib', values['log-budget-mib'], 1, 16 * 1024);
  return {
    format: flags[0]?.[1] ?? 'hex',
    framing: parseFraming(command, values.framing),
    encoding: readEncoding(command, values.encoding),
    capture: values.capture,
    logBudgetBytes: budgetMiB === undefined ? undefined : budgetMiB * 1024 * 1024,
  };
}

export function readEncoding(command: string, text: string | undefined): TextEncodingName {
  return choiceOption(command, '--encoding', text, TEXT_ENCODING_NAMES) ?? 'utf-8';
}
