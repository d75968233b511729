import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatHex,
  parseHex as parseHexRefs,
  parseHexSegments as parseHexSegmentsRefs,
} from '../../../src/shared/payload/hex-parse';
import { hex, segmentsShown, toHex } from './bytes';
import { speaking } from '../../helpers/english';

/** What a person reads: the messages in English. */
const parseHex = speaking(parseHexRefs);
const parseHexSegments = speaking(parseHexSegmentsRefs);

function bytesOf(source: string): string {
  const r = parseHex(source);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return toHex(r.bytes);
}

describe('parseHex', () => {
  it.each<[string, string, string]>([
    ['packed digits', '0102030A', '01 02 03 0A'],
    ['lower and upper case', 'ab Cd eF', 'AB CD EF'],
    ['mixed separators', '01 02,03\t04\n05\r\n06 ,, 07', '01 02 03 04 05 06 07'],
    ['0x prefixes, C style', '{0x01, 0x02}'.slice(1, -1), '01 02'],
    ['0X prefix and a multi-byte 0x run', '0X0A 0x0B0C', '0A 0B 0C'],
    ['digits pair across spaces', '0 1 2 3', '01 23'],
    ['a # comment', '01 02 # header\n03', '01 02 03'],
    ['a // comment', '01 // slave id\n03 // function\n00 00 00 0A', '01 03 00 00 00 0A'],
    ['a comment at the end with no newline', 'FF # trailing', 'FF'],
    ['hex digits inside a comment are ignored', '# AB CD\n01', '01'],
    ['an empty source', '', ''],
    ['only separators and comments', ' \n# nothing\n , ', ''],
    ['a 0x-prefixed byte right after a comment line', '// frame\n0x7E', '7E'],
  ])('%s', (_name, source, expected) => {
    expect(bytesOf(source)).toBe(expected);
  });

  it('marks a character that is not a hex digit', () => {
    expect(parseHex('01 0G 02')).toEqual({
      ok: false,
      issues: [{ message: "'G' is not a hex digit", start: 4, end: 5 }],
    });
  });

  it('marks an astral character as one character and names invisible ones', () => {
    const r = parseHex('01 😀\u00a0');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      { message: "'😀' is not a hex digit", start: 3, end: 5 },
      { message: 'U+00A0 is not a hex digit', start: 5, end: 6 },
    ]);
  });

  it('reports an odd digit count with the marker on the lone last digit', () => {
    const source = '01 02 03 04 05 06 07 08 1';
    expect(parseHex(source)).toEqual({
      ok: false,
      issues: [{ message: 'odd number of hex digits (17)', start: 24, end: 25 }],
    });
  });

  it('asks for two digits after 0x rather than pairing 0x1, 0x2 into 0x12', () => {
    expect(parseHex('0x1, 0x2')).toEqual({
      ok: false,
      issues: [
        { message: '0x1 needs two hex digits (write 0x01)', start: 0, end: 3 },
        { message: '0x2 needs two hex digits (write 0x02)', start: 5, end: 8 },
      ],
    });
  });

  it('does not take x in the middle of a token as a prefix', () => {
    const r = parseHex('A0x1');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toEqual({ message: "'x' is not a hex digit", start: 2, end: 3 });
  });

  it('treats a single slash as an error, not a comment', () => {
    const r = parseHex('01 / 02');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ message: "'/' is not a hex digit", start: 3, end: 4 }]);
  });

  it('reports every bad character, in source order, without a misleading digit count', () => {
    const r = parseHex('Z 0 Q');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map((i) => [i.message, i.start])).toEqual([
        ["'Z' is not a hex digit", 0],
        ["'Q' is not a hex digit", 4],
      ]);
  });

  it('caps the number of issues so a pasted novel does not flood the editor', () => {
    const r = parseHex('z'.repeat(10_000));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toHaveLength(100);
  });

  it('splits around placeholders when asked, and a byte cannot straddle one', () => {
    const r = parseHexSegments('01 02 {{counter}} 0A', { placeholders: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(segmentsShown(r.segments)).toEqual(['01 02', '{{counter}}', '0A']);
    const odd = parseHexSegments('0{{counter}}1', { placeholders: true });
    expect(odd.ok).toBe(false);
    if (!odd.ok)
      expect(odd.issues).toEqual([
        { message: 'odd number of hex digits (1)', start: 0, end: 1 },
        { message: 'odd number of hex digits (1)', start: 12, end: 13 },
      ]);
  });

  it('ignores placeholders in comments and refuses them when not allowed', () => {
    const r = parseHexSegments('01 # {{counter}}', { placeholders: true });
    expect(r.ok && r.segments.length).toBe(1);
    expect(parseHex('{{counter}}').ok).toBe(false);
  });
});

describe('formatHex', () => {
  it('writes uppercase pairs, 16 to a line by default', () => {
    const bytes = Uint8Array.from({ length: 18 }, (_, i) => i * 15);
    expect(formatHex(bytes)).toBe('00 0F 1E 2D 3C 4B 5A 69 78 87 96 A5 B4 C3 D2 E1\nF0 FF');
    expect(formatHex(hex('01 02 03'), { bytesPerLine: 2 })).toBe('01 02\n03');
    expect(formatHex(hex('01 02 03'), { bytesPerLine: 0 })).toBe('01 02 03');
    expect(formatHex(new Uint8Array(0))).toBe('');
  });
});

describe('hex round trips', () => {
  it('bytes → hex → bytes is the identity', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat({ max: 40 }), (bytes, perLine) => {
        const r = parseHex(formatHex(bytes, { bytesPerLine: perLine }));
        expect(r.ok && toHex(r.bytes)).toBe(toHex(bytes));
      }),
    );
  });

  it('hex text in any layout → bytes → hex is the canonical text', () => {
    const separator = fc.constantFrom(
      ' ',
      ',',
      '\t',
      '\n',
      '\r\n',
      ', ',
      '  ',
      ' # note\n',
      ' // c\n',
    );
    const layout = fc
      .array(
        fc.tuple(
          fc.uint8Array({ minLength: 1, maxLength: 4 }),
          separator,
          fc.boolean(),
          fc.boolean(),
        ),
        {
          maxLength: 40,
        },
      )
      .map((groups) => {
        let text = '';
        const all: number[] = [];
        for (const [bytes, sep, prefix, lower] of groups) {
          let digits = toHex(bytes).replace(/ /g, '');
          if (lower) digits = digits.toLowerCase();
          text += (prefix ? '0x' : '') + digits + sep;
          all.push(...bytes);
        }
        return { text, bytes: Uint8Array.from(all) };
      });
    fc.assert(
      fc.property(layout, ({ text, bytes }) => {
        const r = parseHex(text);
        expect(r.ok).toBe(true);
        if (r.ok) expect(formatHex(r.bytes)).toBe(formatHex(bytes));
      }),
    );
  });
});
