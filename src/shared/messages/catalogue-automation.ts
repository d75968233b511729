import type { ParamKind } from './catalogue';

/**
 * What automation reports (script diagnostics, rule problems, how a periodic
 * send, an auto-reply or a sequence ended), as codes with parameters. A
 * `detail` is text from outside our code (a JavaScript regex error, a plain
 * socket's reason) shown as it came; a `reason` is a message of ours (a
 * payload issue, a socket error) said inside the automation one.
 */
export const automationCatalogue = {
  // The script language.
  'automation.statement-unknown': { word: 'text' },
  'automation.mode-missing': { statement: 'text', expected: 'text' },
  'automation.mode-unknown': { statement: 'text', word: 'text', expected: 'text' },
  'automation.payload-missing': { statement: 'text' },
  'automation.payload-invalid': { reason: 'message' },
  'automation.option-unknown': { option: 'text' },
  'automation.option-conflict': { option: 'text', previous: 'text' },
  'automation.option-needs-checksum': { option: 'text' },
  'automation.option-text-only': { option: 'text' },
  'automation.option-value-invalid': { option: 'text' },
  'automation.options-not-allowed': { statement: 'text', option: 'text' },
  'automation.number-missing': { statement: 'text' },
  'automation.wait-invalid': { text: 'text', min: 'int', max: 'int' },
  'automation.repeat-invalid': { text: 'text', min: 'int', max: 'int' },
  'automation.within-invalid': { text: 'text', min: 'int', max: 'int' },
  'automation.text-unexpected': { text: 'text' },
  'automation.regex-slash-missing': {},
  'automation.regex-unterminated': {},
  'automation.regex-invalid': { detail: 'text' },
  'automation.regex-flag-unknown': { flag: 'text' },
  'automation.regex-not-linear': {},
  'automation.repeat-unclosed': {},
  'automation.repeat-empty': {},
  'automation.end-unmatched': {},
  // Hex patterns (`01 03 ?? * 0D`).
  'automation.hex-pattern-empty': {},
  'automation.hex-pattern-char': { char: 'text' },
  'automation.hex-pattern-odd': { count: 'int' },
  'automation.hex-pattern-lone-question': {},
  // Rules.
  'automation.rule-match-empty': { matchAs: 'text' },
  'automation.rule-match-invalid': { reason: 'message' },
  'automation.rule-reply-invalid': { reason: 'message' },
  'automation.rule-ids-shared': {},
  'automation.regex-flags': {},
  'automation.reply-flood': { count: 'count', windowMs: 'ms' },
  'automation.reply-backlog': { count: 'count' },
  'automation.partial-frames-dropped': { count: 'count', size: 'bytes' },
  // Captures in a payload.
  'automation.capture-unset': { name: 'text' },
  // Running: periodic sends, replies, sequences.
  'automation.expect-timeout': {
    as: 'text',
    pattern: 'text',
    withinMs: 'ms',
    lastBytesHex: 'text',
  },
  'automation.expect-timeout-silent': { as: 'text', pattern: 'text', withinMs: 'ms' },
  'automation.target-closed': {},
  'automation.target-closed-because': { detail: 'text' },
  'automation.connection-closed': {},
  'automation.connection-removed': {},
  'automation.peer-gone': { peer: 'text' },
  'automation.send-failed': { reason: 'message' },
  'automation.compose-failed': { reason: 'message' },
  'automation.stopped': {},
  'automation.crashed': { detail: 'text' },
  // Requests that cannot be carried out.
  'automation.relay-unsupported': {},
  'automation.sequence-running': {},
  'automation.choose-peer': { count: 'count' },
  'automation.no-peer': {},
  'automation.library-item-missing': { id: 'text' },
  'automation.library-item-not-payload': { id: 'text' },
  'automation.library-item-not-sequence': { id: 'text' },
  // What the window itself says about automation (it composes these, main does not).
  'automation.periodic-no-item': {},
  'automation.rules-made': { count: 'count', pairs: 'count' },
  'automation.rules-made-none': {},
  'automation.rules-too-many': { count: 'count', max: 'count' },
} as const satisfies Record<string, Record<string, ParamKind>>;
