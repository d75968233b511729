/**
 * Every problem automation reports (script diagnostics, rule compile errors,
 * run failures), as a code with parameters. The renderer and the CLI will
 * translate codes; until then `describeProblem` is the one place each
 * English sentence is written, so the conversion is one table.
 */

export interface ProblemParams {
  // The script language.
  'statement-unknown': { word: string };
  'mode-missing': { statement: string; expected: string };
  'mode-unknown': { statement: string; word: string; expected: string };
  'payload-missing': { statement: string };
  'payload-invalid': { detail: string };
  'option-unknown': { option: string };
  'option-conflict': { option: string; previous: string };
  'option-needs-checksum': { option: string };
  'option-text-only': { option: string };
  'option-value-invalid': { option: string };
  'options-not-allowed': { statement: string; option: string };
  'number-missing': { statement: string };
  'number-invalid': { what: 'wait' | 'repeat' | 'within'; text: string; min: number; max: number };
  'text-unexpected': { text: string };
  'regex-slash-missing': Record<string, never>;
  'regex-unterminated': Record<string, never>;
  'regex-invalid': { detail: string };
  'regex-flag-unknown': { flag: string };
  'repeat-unclosed': Record<string, never>;
  'repeat-empty': Record<string, never>;
  'end-unmatched': Record<string, never>;
  // Hex patterns (`01 03 ?? * 0D`).
  'hex-pattern-empty': Record<string, never>;
  'hex-pattern-char': { char: string };
  'hex-pattern-odd': { count: number };
  'hex-pattern-lone-question': Record<string, never>;
  // Rules.
  'rule-match-empty': { matchAs: string };
  'rule-match-invalid': { detail: string };
  'rule-reply-invalid': { detail: string };
  // Captures in a payload.
  'capture-unset': { name: string };
  // Running: periodic sends, replies, sequences.
  'expect-timeout': {
    as: string;
    pattern: string;
    withinMs: number;
    lastBytesHex: string;
    receivedBytes: number;
  };
  'target-closed': { detail: string };
  'send-failed': { detail: string };
  'compose-failed': { detail: string };
  stopped: Record<string, never>;
}

export type ProblemCode = keyof ProblemParams;

export interface AutomationProblem<C extends ProblemCode = ProblemCode> {
  code: C;
  params: ProblemParams[C];
  /** English, for now; the UI will translate `code` with `params`. */
  message: string;
}

/** A problem with its English sentence filled in. */
export function problem<C extends ProblemCode>(
  code: C,
  params: ProblemParams[C],
): AutomationProblem<C> {
  return { code, params, message: describeProblem(code, params) };
}

const OPTION_HELP =
  'options are a line ending (+lf, +cr, +crlf), an encoding (+utf-8, +gbk, …), +no-escapes, ' +
  'a checksum (+crc16-modbus, +xor, …) and for it +le, +be, +from=N, +to=N, +after-eol, +hex-text';

const WHAT: Record<ProblemParams['number-invalid']['what'], string> = {
  wait: 'The wait',
  repeat: 'The repeat count',
  within: "The 'within' time",
};

/** The English sentence for a problem. */
export function describeProblem<C extends ProblemCode>(code: C, params: ProblemParams[C]): string {
  const p = params as Record<string, string | number>;
  switch (code) {
    case 'statement-unknown':
      return `Unknown statement '${p.word}': a line starts with send, expect, wait, repeat or end`;
    case 'mode-missing':
      return `'${p.statement}' needs what kind of data follows: ${p.expected}`;
    case 'mode-unknown':
      return `'${p.statement} ${p.word}' is not a statement: '${p.statement}' is followed by ${p.expected}`;
    case 'payload-missing':
      return `'${p.statement}' needs something after it`;
    case 'payload-invalid':
      return String(p.detail);
    case 'option-unknown':
      return `Unknown option '+${p.option}': ${OPTION_HELP} (to end text with a '+', write \\x2B)`;
    case 'option-conflict':
      return `'+${p.option}' contradicts '+${p.previous}' given on the same line`;
    case 'option-needs-checksum':
      return `'+${p.option}' sets how the checksum is made, but no checksum (such as +crc16-modbus) is given`;
    case 'option-text-only':
      return `'+${p.option}' applies to text only, not to hex`;
    case 'option-value-invalid':
      return `'+${p.option}' needs a whole number, such as +from=2 or +to=-1`;
    case 'options-not-allowed':
      return `'${p.statement}' takes no options such as '+${p.option}'`;
    case 'number-missing':
      return `'${p.statement}' needs a number after it`;
    case 'number-invalid': {
      const what = WHAT[p.what as ProblemParams['number-invalid']['what']];
      const unit = p.what === 'repeat' ? '' : ' (ms)';
      return `${what}${unit} must be a whole number from ${p.min} to ${p.max}, not '${p.text}'`;
    }
    case 'text-unexpected':
      return `Unexpected '${p.text}' at the end of the statement`;
    case 'regex-slash-missing':
      return 'A regex is written between slashes, such as /TOKEN=(\\w+)/';
    case 'regex-unterminated':
      return "The regex is never closed with a '/'";
    case 'regex-invalid':
      return `The regex is not valid: ${p.detail}`;
    case 'regex-flag-unknown':
      return `Unknown regex flag '${p.flag}': the flags are i, m, s and u`;
    case 'repeat-unclosed':
      return "This repeat is never closed with 'end'";
    case 'repeat-empty':
      return 'This repeat has nothing in it';
    case 'end-unmatched':
      return "This 'end' closes nothing: no repeat is open";
    case 'hex-pattern-empty':
      return 'The hex pattern is empty: write bytes such as 01 03, ?? for any byte, * for any run';
    case 'hex-pattern-char':
      return `${p.char} is not a hex digit, ?? or *`;
    case 'hex-pattern-odd':
      return `Odd number of hex digits (${p.count}): every byte needs two`;
    case 'hex-pattern-lone-question':
      return "A single '?' means nothing: write ?? for any byte";
    case 'rule-match-empty':
      return `The ${p.matchAs} match is empty; choose "Any" to answer every message`;
    case 'rule-match-invalid':
      return `The match cannot be used: ${p.detail}`;
    case 'rule-reply-invalid':
      return `The reply cannot be composed: ${p.detail}`;
    case 'capture-unset':
      return `{{$${p.name}}} has no value: no match so far captured it`;
    case 'expect-timeout': {
      const last =
        p.receivedBytes === 0 ? 'nothing was received' : `last 32 bytes: ${p.lastBytesHex}`;
      return `expect ${p.as} ${p.pattern}: nothing matched within ${p.withinMs} ms; ${last}`;
    }
    case 'target-closed':
      return p.detail ? `The connection went away: ${p.detail}` : 'The connection went away';
    case 'send-failed':
      return `Sending failed: ${p.detail}`;
    case 'compose-failed':
      return `The payload could not be composed: ${p.detail}`;
    case 'stopped':
      return 'Stopped';
  }
  return code;
}
