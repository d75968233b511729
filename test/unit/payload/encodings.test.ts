import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeText,
  encodeText as encodeTextRefs,
  TEXT_ENCODINGS,
  TEXT_ENCODING_NAMES,
  type TextEncodingName,
} from '../../../src/shared/payload/encodings';
import { hex, toHex } from './bytes';
import { speaking } from '../../helpers/english';

/** What a person reads: the messages in English. */
const encodeText = speaking(encodeTextRefs);

function bytesOf(text: string, enc: TextEncodingName): string {
  const r = encodeText(text, enc);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return toHex(r.bytes);
}

const scalar = (min: number, max: number) =>
  fc.integer({ min, max }).filter((cp) => cp < 0xd800 || cp > 0xdfff);
const textOf = (cp: fc.Arbitrary<number>) =>
  fc.array(cp, { maxLength: 40 }).map((cps) => String.fromCodePoint(...cps));

/** Strings each encoding can represent, leaning on the parts of Unicode it is about. */
const representable: Record<TextEncodingName, fc.Arbitrary<string>> = {
  'utf-8': textOf(scalar(0, 0x10ffff)),
  ascii: textOf(scalar(0, 0x7f)),
  latin1: textOf(scalar(0, 0xff)),
  'utf-16le': textOf(fc.oneof(scalar(0, 0xffff), scalar(0x10000, 0x10ffff))),
  'utf-16be': textOf(fc.oneof(scalar(0, 0xffff), scalar(0x10000, 0x10ffff))),
  // GBK holds ASCII and the whole CJK Unified Ideographs block up to U+9FA5.
  gbk: textOf(
    fc.oneof(scalar(0, 0x7f), scalar(0x4e00, 0x9fa5), fc.constantFrom(0xe9, 0x3001, 0xff01)),
  ),
  gb18030: textOf(fc.oneof(scalar(0, 0x7f), scalar(0x4e00, 0x9fff), scalar(0, 0x10ffff))),
};

describe('the encoding list', () => {
  it('offers all seven encodings with labels', () => {
    expect(TEXT_ENCODING_NAMES).toEqual([
      'utf-8',
      'ascii',
      'latin1',
      'utf-16le',
      'utf-16be',
      'gbk',
      'gb18030',
    ]);
    for (const e of TEXT_ENCODINGS) expect(e.label).toMatch(/\S/);
  });
});

describe('encodeText', () => {
  it.each<[string, TextEncodingName, string, string]>([
    ['ASCII', 'ascii', 'AT\r\n', '41 54 0D 0A'],
    ['UTF-8 two- and three-byte characters', 'utf-8', 'é€', 'C3 A9 E2 82 AC'],
    ['UTF-8 emoji (four bytes)', 'utf-8', '😀', 'F0 9F 98 80'],
    ['Latin-1 high half', 'latin1', 'é\u00ff', 'E9 FF'],
    ['UTF-16LE', 'utf-16le', 'A€', '41 00 AC 20'],
    ['UTF-16BE', 'utf-16be', 'A€', '00 41 20 AC'],
    ['UTF-16BE surrogate pair', 'utf-16be', '😀', 'D8 3D DE 00'],
    ['UTF-16LE surrogate pair', 'utf-16le', '😀', '3D D8 00 DE'],
    ['UTF-16 never adds a BOM', 'utf-16be', '', ''],
    ['GBK Chinese', 'gbk', '中文', 'D6 D0 CE C4'],
    ['GBK mixed with ASCII', 'gbk', 'A中1', '41 D6 D0 31'],
    ['GBK euro sign (code page 936)', 'gbk', '€', '80'],
    ['GB18030 Chinese', 'gb18030', '中文', 'D6 D0 CE C4'],
    ['GB18030 four-byte sequence for an emoji', 'gb18030', '😀', '94 39 FC 36'],
    ['GB18030 four-byte sequence in the BMP', 'gb18030', '\u0080', '81 30 81 30'],
    ['UTF-8 BOM character is kept', 'utf-8', '\ufeffA', 'EF BB BF 41'],
  ])('%s', (_name, enc, text, expected) => {
    expect(bytesOf(text, enc)).toBe(expected);
  });

  it.each<[string, string, TextEncodingName, { message: string; start: number; end: number }]>([
    [
      "refuses non-ASCII in ASCII instead of sending '?'",
      'café',
      'ascii',
      { message: "'é' is not ASCII", start: 3, end: 4 },
    ],
    [
      'names an invisible character by its code point',
      'a\u00a0',
      'ascii',
      { message: 'U+00A0 is not ASCII', start: 1, end: 2 },
    ],
    [
      'marks an astral character as two UTF-16 units',
      'a😀b',
      'ascii',
      { message: "'😀' is not ASCII", start: 1, end: 3 },
    ],
    [
      'refuses characters beyond Latin-1',
      '5 €',
      'latin1',
      { message: "'€' is not in Latin-1", start: 2, end: 3 },
    ],
  ])('%s', (_name, text, enc, issue) => {
    expect(encodeText(text, enc)).toEqual({ ok: false, issues: [issue] });
  });

  it('refuses what GBK cannot encode, every occurrence', () => {
    expect(encodeText('中😀文😀', 'gbk')).toEqual({
      ok: false,
      issues: [
        { message: "'😀' is not in GBK", start: 1, end: 3 },
        { message: "'😀' is not in GBK", start: 4, end: 6 },
      ],
    });
    const r = encodeText('한', 'gbk'); // Hangul syllables are not in GBK
    expect(r.ok).toBe(false);
    // A real question mark is of course fine.
    expect(bytesOf('?', 'gbk')).toBe('3F');
  });

  it('refuses a lone surrogate in every encoding', () => {
    for (const enc of TEXT_ENCODING_NAMES) {
      const r = encodeText('a\ud800', enc);
      expect(r).toEqual({
        ok: false,
        issues: [
          { message: expect.stringMatching(/lone surrogate U\+D800|is not/), start: 1, end: 2 },
        ],
      });
    }
    expect(encodeText('\udc00', 'utf-8')).toEqual({
      ok: false,
      issues: [{ message: 'lone surrogate U+DC00 is half a character', start: 0, end: 1 }],
    });
  });
});

describe('decodeText', () => {
  it('keeps a BOM as a character (it is a byte the user sent)', () => {
    expect(decodeText(hex('EF BB BF 41'), 'utf-8')).toBe('\ufeffA');
    expect(decodeText(hex('FE FF 00 41'), 'utf-16be')).toBe('\ufeffA');
  });

  it('decodes GBK and GB18030', () => {
    expect(decodeText(hex('D6 D0 CE C4'), 'gbk')).toBe('中文');
    expect(decodeText(hex('94 39 FC 36'), 'gb18030')).toBe('😀');
  });
});

describe('text → bytes → text', () => {
  it.each(TEXT_ENCODING_NAMES)('round-trips every string %s can represent', (enc) => {
    fc.assert(
      fc.property(representable[enc], (text) => {
        const r = encodeText(text, enc);
        expect(r.ok).toBe(true);
        if (r.ok) expect(decodeText(r.bytes, enc)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('returns plain Uint8Arrays, never a Buffer', () => {
    for (const enc of TEXT_ENCODING_NAMES) {
      const r = encodeText('ab', enc);
      expect(r.ok && Object.getPrototypeOf(r.bytes)).toBe(Uint8Array.prototype);
    }
  });
});
