import { describeProblem } from '../../../src/shared/automation/automation-errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../../src/shared/automation/script-parser';
import { printScript } from '../../../src/shared/automation/script-printer';
import {
  flattenStatements,
  MAX_TIME_MS,
  type ExpectPattern,
  type Statement,
} from '../../../src/shared/automation/script-ast';
import { CHECKSUM_IDS, getChecksum } from '../../../src/shared/payload/checksums/catalogue';
import {
  DEFAULT_PAYLOAD_SPEC,
  type ChecksumSpec,
  type PayloadSpec,
} from '../../../src/shared/payload/payload-spec';

// ---- Inputs that look like scripts, to reach deep into the parser -------------------------

const fragment = fc.constantFrom(
  'send',
  'expect',
  'wait',
  'repeat',
  'end',
  'text',
  'hex',
  'regex',
  'within',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '#',
  '\\',
  '\\#',
  '/',
  '[',
  ']',
  '(',
  '+',
  '+crc16/modbus',
  '+le',
  '+from=',
  '+gbk',
  '+crlf',
  '??',
  '?',
  '*',
  '0x',
  '01',
  '0',
  'ff',
  '{{',
  '}}',
  '{{$1}}',
  '{{counter}}',
  '\\x',
  '\\u{',
  '中',
  '\uD800',
  '-1',
  '1000',
  '99999999999',
);
const scriptLike = fc
  .array(fc.oneof(fragment, fc.string({ maxLength: 4 })), { maxLength: 40 })
  .map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), scriptLike);

describe('parseScript on any input', () => {
  it('never throws, and every position lies within its line', () => {
    fc.assert(
      fc.property(anyText, (source) => {
        const r = parseScript(source);
        const lines = source.split(/\r\n|\r|\n/);
        const within = (at: { line: number; column: number; endColumn: number }) => {
          const line = lines[at.line - 1];
          expect(line).toBeDefined();
          expect(at.column).toBeGreaterThanOrEqual(1);
          expect(at.endColumn).toBeGreaterThan(at.column);
          expect(at.endColumn).toBeLessThanOrEqual((line as string).length + 1);
        };
        for (const d of r.diagnostics) {
          within(d);
          expect(describeProblem(d).length).toBeGreaterThan(0);
          expect(typeof d.code).toBe('string');
        }
        for (const s of flattenStatements(r.statements)) within(s.span);
      }),
      { numRuns: 3000 },
    );
  });
});

// ---- Valid scripts, generated as statements ----------------------------------------------

const word = (chars: string) =>
  fc
    .array(fc.constantFrom(...chars.split('')), { minLength: 1, maxLength: 6 })
    .map((cs) => cs.join(''));
const ASCII = 'abcXYZ019.,:;=!?()<>/\'"-_*@%&^|~+$';
// A word may not start with '+' (that is an option) nor be `within`.
const textWord = fc.oneof(
  word(ASCII).filter((w) => !w.startsWith('+') && w.toLowerCase() !== 'within'),
  fc.constantFrom('#', 'a#b', '\\r\\n', '\\t', '\\\\', '\\\\#', '\\x41', '\\x00', '{{counter}}'),
  fc.constantFrom('{{$1}}', '{{$token}}', '{{counter:4:16}}', 'x{{$0}}y'),
);
const nonAsciiWord = fc.constantFrom('中', '\\u{4E2D}', '中文');

type ChecksumChoice = {
  id: ChecksumSpec['id'];
  flipOrder: boolean;
  from: number;
  to: number | null;
  beforeLineEnding: boolean;
  format: ChecksumSpec['format'];
};
const checksum: fc.Arbitrary<ChecksumChoice | null> = fc.option(
  fc.record({
    id: fc.constantFrom(...CHECKSUM_IDS),
    flipOrder: fc.boolean(),
    from: fc.constantFrom(0, 1, -3),
    to: fc.constantFrom(null, -1, 4),
    beforeLineEnding: fc.boolean(),
    format: fc.constantFrom('binary' as const, 'hex-text' as const),
  }),
  { nil: null },
);

function checksumSpec(x: ChecksumChoice | null): ChecksumSpec {
  if (!x || x.id === 'none') return { ...DEFAULT_PAYLOAD_SPEC.checksum };
  const usual = getChecksum(x.id).defaultOrder;
  const order = x.flipOrder ? (usual === 'be' ? 'le' : 'be') : usual;
  return {
    id: x.id,
    order,
    from: x.from,
    to: x.to,
    beforeLineEnding: x.beforeLineEnding,
    format: x.format,
  };
}

const lineEnding = fc.constantFrom('none' as const, 'lf' as const, 'cr' as const, 'crlf' as const);

const textPayload: fc.Arbitrary<PayloadSpec> = fc
  .record({
    words: fc.array(
      fc.oneof({ weight: 5, arbitrary: textWord }, { weight: 1, arbitrary: nonAsciiWord }),
      {
        minLength: 1,
        maxLength: 6,
      },
    ),
    wide: fc.constantFrom(
      'utf-8' as const,
      'utf-16le' as const,
      'utf-16be' as const,
      'gbk' as const,
      'gb18030' as const,
    ),
    narrow: fc.constantFrom('utf-8' as const, 'ascii' as const, 'latin1' as const),
    escapes: fc.boolean(),
    lineEnding,
    checksum,
  })
  .map((r) => {
    const source = r.words.join(' ');
    const encoding = /[^ -~]|\\u/.test(source) ? r.wide : r.narrow;
    return {
      ...DEFAULT_PAYLOAD_SPEC,
      mode: 'text' as const,
      source,
      encoding,
      escapes: r.escapes || source.includes('\\u'),
      lineEnding: r.lineEnding,
      checksum: checksumSpec(r.checksum),
    };
  })
  // Without escapes a backslash is literal, and the script's `\#` still means `#`.
  .filter((p) => p.escapes || !p.source.includes('\\#'));

const hexWord = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.integer({ min: 0, max: 255 }).map((b) => b.toString(16).padStart(2, '0')),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('{{$1}}', '{{$id}}', '{{counter}}', '{{random:2}}', '0xAB', 'CdEf'),
  },
);
const hexPayload: fc.Arbitrary<PayloadSpec> = fc
  .record({ words: fc.array(hexWord, { minLength: 1, maxLength: 8 }), lineEnding, checksum })
  .map((r) => ({
    ...DEFAULT_PAYLOAD_SPEC,
    mode: 'hex' as const,
    source: r.words.join(' '),
    lineEnding: r.lineEnding,
    checksum: checksumSpec(r.checksum),
  }));

const payload = fc.oneof(textPayload, hexPayload);

const pattern: fc.Arbitrary<ExpectPattern> = fc.oneof(
  textPayload.map((p) => ({ as: 'text' as const, payload: p })),
  fc
    .array(
      fc.oneof(
        hexWord.filter((w) => !w.includes('{')),
        fc.constantFrom('??', '*', '?? ??'),
      ),
      {
        minLength: 1,
        maxLength: 8,
      },
    )
    .map((ws) => ({ as: 'hex' as const, pattern: ws.join(' ') })),
  fc.record({
    as: fc.constant('regex' as const),
    source: fc.constantFrom(
      'TOKEN=(\\w+)',
      '^OK\\r?\\n',
      '(?<id>\\d+)',
      'a[/]b',
      '#x',
      'a\\/b',
      '\\s+$',
    ),
    flags: fc.constantFrom('', 'i', 'ms', 'ims'),
  }),
);

const time = fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.constant(MAX_TIME_MS));

const statement: fc.Arbitrary<Statement> = fc.letrec<{ statement: Statement }>((tie) => ({
  statement: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    payload.map((p) => ({ kind: 'send' as const, payload: p }) as Statement),
    fc
      .record({ pattern, withinMs: time })
      .map((r) => ({ kind: 'expect' as const, ...r }) as Statement),
    fc
      .integer({ min: 0, max: MAX_TIME_MS })
      .map((ms) => ({ kind: 'wait' as const, ms }) as Statement),
    fc
      .record({
        count: fc.integer({ min: 1, max: 1000 }),
        body: fc.array(tie('statement'), { minLength: 1, maxLength: 3 }),
      })
      .map((r) => ({ kind: 'repeat' as const, ...r }) as Statement),
  ),
})).statement;

/** Statements without positions, for comparing what two parses mean. */
function strip(statements: Statement[]): unknown[] {
  return statements.map((s) => {
    const {
      span: _span,
      step: _step,
      ...rest
    } = s as Statement & { span?: unknown; step?: unknown };
    return s.kind === 'repeat' ? { ...rest, body: strip(s.body) } : rest;
  });
}

describe('printScript and parseScript', () => {
  it('round-trip every generated script', () => {
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 6 }), (statements) => {
        const printed = printScript(statements);
        const r = parseScript(printed);
        expect(r.diagnostics, printed).toEqual([]);
        expect(strip(r.statements), printed).toEqual(strip(statements));
        // Steps are numbered in source order, nested ones included.
        expect(flattenStatements(r.statements).map((s) => s.step)).toEqual([
          ...Array(r.stepCount).keys(),
        ]);
      }),
      { numRuns: 1500 },
    );
  });
});
