import { describe, expect, it } from 'vitest';
import type { TextEncodingName } from '../../../src/shared/payload/encodings';
import {
  encodeTextPayload as encodeTextPayloadRefs,
  parseTextSegments as parseTextSegmentsRefs,
} from '../../../src/shared/payload/escapes';
import { segmentsShown, toHex } from './bytes';
import { speaking } from '../../helpers/english';

/** What a person reads: the messages in English. */
const encodeTextPayload = speaking(encodeTextPayloadRefs);
const parseTextSegments = speaking(parseTextSegmentsRefs);

function bytesOf(source: string, encoding: TextEncodingName = 'utf-8', escapes = true): string {
  const r = encodeTextPayload(source, { encoding, escapes });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return toHex(r.bytes);
}

function issuesOf(source: string, encoding: TextEncodingName = 'utf-8') {
  const r = encodeTextPayload(source, { encoding, escapes: true });
  if (r.ok) throw new Error(`expected issues for ${source}`);
  return r.issues;
}

describe('escapes', () => {
  it.each<[string, string, TextEncodingName, string]>([
    ['CR LF', 'AT\\r\\n', 'ascii', '41 54 0D 0A'],
    ['tab, NUL and backslash', '\\t\\0\\\\', 'ascii', '09 00 5C'],
    ['\\xHH is one raw byte', '\\x02DATA\\x03', 'ascii', '02 44 41 54 41 03'],
    ['\\xHH accepts lower case', '\\xff\\xAb', 'ascii', 'FF AB'],
    ['\\xHH stays raw in UTF-16LE', 'A\\x02', 'utf-16le', '41 00 02'],
    ['\\n is a character, so UTF-16LE makes it two bytes', '\\n', 'utf-16le', '0A 00'],
    ['\\u{…} in UTF-8', '\\u{20AC}', 'utf-8', 'E2 82 AC'],
    ['\\u{…} astral in UTF-16BE (a surrogate pair)', '\\u{1F600}', 'utf-16be', 'D8 3D DE 00'],
    ['\\u{…} in GBK', '\\u{4E2D}', 'gbk', 'D6 D0'],
    ['\\u{…} one digit', '\\u{A}', 'ascii', '0A'],
    ['\\u{…} six digits', '\\u{10FFFF}', 'utf-8', 'F4 8F BF BF'],
    ['\\0 followed by a digit is NUL then the digit', '\\01', 'ascii', '00 31'],
    ['an escaped backslash before x is not \\x', '\\\\x41', 'ascii', '5C 78 34 31'],
    ['typed emoji next to escapes in UTF-16BE', '😀\\x00', 'utf-16be', 'D8 3D DE 00 00'],
    ['GBK text with a CRLF', '中文\\r\\n', 'gbk', 'D6 D0 CE C4 0D 0A'],
    ['GB18030 four-byte via \\u', '\\u{1F600}', 'gb18030', '94 39 FC 36'],
  ])('%s', (_name, source, enc, expected) => {
    expect(bytesOf(source, enc)).toBe(expected);
  });

  it('can be switched off: a backslash is then just a backslash', () => {
    expect(bytesOf('a\\nb\\x41', 'ascii', false)).toBe('61 5C 6E 62 5C 78 34 31');
  });

  it('"\\x needs two hex digits", marking what was typed', () => {
    expect(issuesOf('ab\\x4')).toEqual([{ message: '\\x needs two hex digits', start: 2, end: 5 }]);
    expect(issuesOf('\\xZZ')).toEqual([{ message: '\\x needs two hex digits', start: 0, end: 2 }]);
    expect(issuesOf('\\x4G')).toEqual([{ message: '\\x needs two hex digits', start: 0, end: 3 }]);
  });

  it('"\\u{…} needs 1–6 hex digits"', () => {
    const message = '\\u needs 1–6 hex digits in braces';
    expect(issuesOf('\\u{}')).toEqual([{ message, start: 0, end: 4 }]);
    expect(issuesOf('\\u{1234567}')).toEqual([{ message, start: 0, end: 11 }]);
    expect(issuesOf('\\u20AC')).toEqual([{ message, start: 0, end: 2 }]);
    expect(issuesOf('x\\u{12')).toEqual([{ message, start: 1, end: 6 }]);
    expect(issuesOf('\\u{12G}')).toEqual([{ message, start: 0, end: 5 }]);
  });

  it('"code point U+110000 is beyond Unicode"', () => {
    expect(issuesOf('ok \\u{110000}')).toEqual([
      { message: 'code point U+110000 is beyond Unicode', start: 3, end: 13 },
    ]);
  });

  it('refuses a surrogate code point', () => {
    expect(issuesOf('\\u{D83D}')).toEqual([
      { message: 'code point U+D83D is a surrogate, not a character', start: 0, end: 8 },
    ]);
  });

  it('"unknown escape \'\\q\'"', () => {
    expect(issuesOf('a\\qb')).toEqual([{ message: "unknown escape '\\q'", start: 1, end: 3 }]);
    expect(issuesOf('\\😀')).toEqual([{ message: "unknown escape '\\😀'", start: 0, end: 3 }]);
  });

  it('a lone backslash at the end', () => {
    expect(issuesOf('abc\\')).toEqual([
      { message: "a lone '\\' ends the text (write \\\\ for a backslash)", start: 3, end: 4 },
    ]);
  });

  it('marks an escape whose character the encoding lacks as the escape: "\'é\' is not ASCII"', () => {
    expect(issuesOf('caf\\u{E9} é', 'ascii')).toEqual([
      { message: "'é' is not ASCII", start: 3, end: 9 },
      { message: "'é' is not ASCII", start: 10, end: 11 },
    ]);
    expect(issuesOf('\\u{20AC}', 'latin1')).toEqual([
      { message: "'€' is not in Latin-1", start: 0, end: 8 },
    ]);
    expect(issuesOf('a\\x01😀', 'gbk')).toEqual([
      { message: "'😀' is not in GBK", start: 5, end: 7 },
    ]);
  });

  it('reports all problems in source order', () => {
    expect(issuesOf('é\\q\\x1', 'ascii').map((i) => i.start)).toEqual([0, 1, 3]);
  });

  it('splits text around placeholders, and {{ inside an escape sequence is not one', () => {
    const r = parseTextSegments('n={{counter}}\\r\\n', {
      encoding: 'ascii',
      escapes: true,
      placeholders: true,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(segmentsShown(r.segments)).toEqual(['6E 3D', '{{counter}}', '0D 0A']);
    const escaped = parseTextSegments('\\u{7B}{x}', {
      encoding: 'ascii',
      escapes: true,
      placeholders: true,
    });
    expect(escaped.ok && escaped.segments.length).toBe(1);
  });
});
