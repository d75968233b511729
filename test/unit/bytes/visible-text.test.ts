import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  utf8SequenceLength,
  visibleText,
  visibleTextRuns,
} from '../../../src/shared/bytes/visible-text';

const enc = new TextEncoder();
/** The code points the view must escape (a mirror of the module's own list). */
const INVISIBLE_RANGES: Array<[number, number]> = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0xad, 0xad],
  [0x200b, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x2069],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffb],
];
const isInvisible = (c: string) => {
  const cp = c.codePointAt(0)!;
  return INVISIBLE_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi);
};
const b = (...xs: number[]) => new Uint8Array(xs);

describe('visibleText', () => {
  it('escapes control bytes and keeps printable text', () => {
    expect(visibleText(b(0x41, 0x00, 0x1b, 0x5b, 0x7f, 0x42))).toBe('A\\x00\\x1B[\\x7FB');
  });

  it('breaks lines at LF and CR LF, shows a lone CR, or escapes them all', () => {
    const bytes = enc.encode('a\r\nb\nc\rd');
    expect(visibleText(bytes)).toBe('a\nb\nc\\rd');
    expect(visibleText(bytes, { newlines: 'escape' })).toBe('a\\r\\nb\\nc\\rd');
    expect(visibleText(bytes, { newlines: 'mark' })).toBe('a\\r\\n\nb\\n\nc\\r\nd');
  });

  it('keeps tabs by default and escapes them on request', () => {
    expect(visibleText(enc.encode('a\tb'))).toBe('a\tb');
    expect(visibleText(enc.encode('a\tb'), { keepTabs: false })).toBe('a\\tb');
  });

  it('decodes UTF-8 and shows invalid bytes as \\xNN instead of U+FFFD', () => {
    const bytes = new Uint8Array([...enc.encode('温度 '), 0xff, 0xe6, 0xb8, ...enc.encode('!')]);
    expect(visibleText(bytes)).toBe('温度 \\xFF\\xE6\\xB8!');
    expect(visibleText(enc.encode('😀'))).toBe('😀');
  });

  it('shows invisible and reordering characters as escapes', () => {
    expect(visibleText(enc.encode('a\u202Eb\u200Bc\uFEFF'))).toBe('a\\u{202E}b\\u{200B}c\\u{FEFF}');
    expect(visibleText(enc.encode('\u0085'))).toBe('\\x85');
  });

  it('treats latin1 as ISO-8859-1, one code point per byte', () => {
    expect(visibleText(b(0x41, 0xe9, 0x80, 0xff), { encoding: 'latin1' })).toBe('Aé\\x80ÿ');
  });

  it('decodes UTF-16 in both byte orders and shows a dangling odd byte', () => {
    expect(visibleText(b(0x41, 0x00, 0x0a, 0x00, 0x42), { encoding: 'utf-16le' })).toBe('A\n\\x42');
    expect(visibleText(b(0x6e, 0x29, 0x00, 0x00), { encoding: 'utf-16be' })).toBe('温\\x00');
  });

  it('decodes other encodings TextDecoder knows, such as GBK', () => {
    expect(visibleText(b(0xce, 0xc2, 0xb6, 0xc8, 0x0d, 0x0a), { encoding: 'gbk' })).toBe('温度\n');
    expect(() => visibleText(b(1), { encoding: 'klingon' })).toThrow(/not a text encoding/);
  });

  it('returns runs that mark escapes, merging neighbours', () => {
    expect(visibleTextRuns(enc.encode('ab\x00\x01cd'))).toEqual([
      { text: 'ab', escape: false },
      { text: '\\x00\\x01', escape: true },
      { text: 'cd', escape: false },
    ]);
  });

  it('agrees with TextDecoder on valid UTF-8 without controls (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const clean = [...s].filter((c) => !isInvisible(c)).join('');
        expect(visibleText(enc.encode(clean))).toBe(clean);
      }),
    );
  });

  it('validates UTF-8 sequences like the WHATWG decoder (property)', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 4 }), (bytes) => {
        const len = utf8SequenceLength(bytes, 0);
        if (len > 0) expect(() => strict.decode(bytes.subarray(0, len))).not.toThrow();
        else expect(() => strict.decode(bytes)).toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});
