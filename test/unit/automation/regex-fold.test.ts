import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldAsciiCase } from '../../../src/shared/automation/regex-maker';

/**
 * foldAsciiCase stands in for the i flag where V8's linear-time engine
 * cannot take it: on ASCII text, a folded regex finds what the regex with
 * `i` finds, at the same place, with the same groups.
 */

const atom = fc.oneof(
  fc.constantFrom('a', 'B', 'z', 'Q', '0', '9', '.', ' ', '-', '_', '=', ':'),
  fc.constantFrom(
    '\\d',
    '\\w',
    '\\s',
    '\\W',
    '\\b',
    '\\x41',
    '\\x61',
    '\\n',
    '\\cJ',
    '\\u0062',
    '\\u{2}',
  ),
  fc.constantFrom('[a-f]', '[A-Z]', '[^a-c]', '[0-z]', '[_x-]', '[\\w-]', '[Kk]', '[^\\d]'),
);
const piece = fc
  .tuple(atom, fc.constantFrom('', '*', '+', '?', '{1,3}', '+?'))
  .map(([a, q]) => `${a}${q}`);
const regex: fc.Arbitrary<string> = fc.letrec<{ re: string }>((tie) => ({
  re: fc.oneof(
    { depthSize: 'small' },
    fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join('')),
    tie('re').map((r) => `(${r})`),
    tie('re').map((r) => `(?<g>${r})x`),
    fc.tuple(tie('re'), tie('re')).map(([a, b]) => `${a}|${b}`),
  ),
})).re;
const text = fc.string({
  unit: fc.constantFrom(...'aAbBzZqQkK0123 9-_=:\nxX'.split('')),
  maxLength: 24,
});

function isValid(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

describe('foldAsciiCase', () => {
  it('finds what the i flag finds on ASCII text, with the same groups', () => {
    fc.assert(
      fc.property(regex, text, (source, input) => {
        fc.pre(isValid(source));
        const folded = new RegExp(foldAsciiCase(source)).exec(input);
        const flagged = new RegExp(source, 'i').exec(input);
        expect(folded && [folded.index, ...folded]).toEqual(flagged && [flagged.index, ...flagged]);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves escapes and group names as written', () => {
    expect(foldAsciiCase('(?<Name>ab)\\x41\\cJ')).toBe('(?<Name>[aA][bB])[\\x41\\x61]\\cJ');
    expect(foldAsciiCase('[a-c0-9_]')).toBe('[a-cA-C0-9_]');
    expect(foldAsciiCase('[^Xy]')).toBe('[^XxyY]');
  });
});
