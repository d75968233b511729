import { describeProblem } from '../../../src/shared/automation/automation-errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileHexPattern,
  matchHexPattern,
  searchHexPattern,
  type HexPattern,
} from '../../../src/shared/automation/hex-pattern';
import { hex, toHex } from '../payload/bytes';

function compiled(source: string): HexPattern {
  const r = compileHexPattern(source);
  if (!r.ok) throw new Error(describeProblem(r.problems[0]!));
  return r.pattern;
}

/** The groups of a whole-message match as hex, or null. */
function groups(source: string, message: string): string[] | null {
  const m = matchHexPattern(compiled(source), hex(message));
  return m && m.groups.map(toHex);
}

describe('hex patterns', () => {
  it('matches literal bytes exactly, the whole message and nothing more', () => {
    expect(groups('01 03 00 0A', '01 03 00 0A')).toEqual(['01 03 00 0A']);
    expect(groups('01 03 00 0A', '01 03 00 0B')).toBeNull();
    expect(groups('01 03 00 0A', '01 03 00 0A 00')).toBeNull();
    expect(groups('01 03 00 0A', '01 03 00')).toBeNull();
  });

  it('reads digits as the editor does: any spacing, commas, 0x, either case', () => {
    expect(groups('0103, 0x0a 0X0B ff', '01 03 0A 0B FF')).not.toBeNull();
    expect(groups('0 1 03', '01 03')).not.toBeNull();
  });

  it('captures each run of ?? as one capture and each * as one, in order', () => {
    expect(groups('01 03 ?? ?? 00 ??', '01 03 12 34 00 56')).toEqual([
      '01 03 12 34 00 56',
      '12 34',
      '56',
    ]);
    expect(groups('????01', 'AA BB 01')).toEqual(['AA BB 01', 'AA BB']);
    expect(groups('7E * 7E', '7E 01 02 03 7E')).toEqual(['7E 01 02 03 7E', '01 02 03']);
    expect(groups('7E * 7E', '7E 7E')).toEqual(['7E 7E', '']);
    expect(groups('?? * ?? 0D', '01 02 03 04 0D')).toEqual(['01 02 03 04 0D', '01', '02 03', '04']);
  });

  it('lets each * take as few bytes as it can, left to right', () => {
    expect(groups('* 00 *', '01 00 02 00 03')).toEqual(['01 00 02 00 03', '01', '02 00 03']);
    expect(groups('*', '')).toEqual(['', '']);
    expect(groups('* *', 'AA')).toEqual(['AA', '', 'AA']);
    expect(groups('01 * 02 * 03', '01 02 03 02 03')).toEqual(['01 02 03 02 03', '', '03 02']);
    expect(groups('01 * 02 * 03', '01 03')).toBeNull();
  });

  it('finds the leftmost, shortest occurrence when searching', () => {
    const p = compiled('01 03 ?? ??');
    const m = searchHexPattern(p, hex('FF 01 03 01 03 AA BB'));
    expect(m && [m.start, m.end, m.groups.map(toHex)]).toEqual([1, 5, ['01 03 01 03', '01 03']]);
    expect(searchHexPattern(p, hex('01 03 AA'))).toBeNull();
    expect(searchHexPattern(p, hex('00 01 03 AA BB'), 2)).toBeNull();
    const star = searchHexPattern(compiled('4F * 0A'), hex('00 4F 4B 0A 0A'));
    expect(star && [star.start, star.end]).toEqual([1, 4]);
  });

  it('says what is wrong and where', () => {
    const problems = (source: string) => {
      const r = compileHexPattern(source);
      return r.ok ? [] : r.problems.map((p) => [p.code, p.start, p.end, describeProblem(p)]);
    };
    expect(problems('01 0? 02')).toEqual([
      ['automation.hex-pattern-odd', 3, 4, 'Odd number of hex digits (3): every byte needs two'],
      [
        'automation.hex-pattern-lone-question',
        4,
        5,
        "A single '?' means nothing: write ?? for any byte",
      ],
    ]);
    expect(problems('01 zz')).toEqual([
      ['automation.hex-pattern-char', 3, 4, "'z' is not a hex digit, ?? or *"],
      ['automation.hex-pattern-char', 4, 5, "'z' is not a hex digit, ?? or *"],
    ]);
    expect(problems('01 ?')).toEqual([
      [
        'automation.hex-pattern-lone-question',
        3,
        4,
        "A single '?' means nothing: write ?? for any byte",
      ],
    ]);
    expect(problems('   ')[0]?.[0]).toBe('automation.hex-pattern-empty');
    expect(problems('0 ?? 1')[0]?.slice(0, 3)).toEqual(['automation.hex-pattern-odd', 0, 1]);
  });

  it('agrees with a regex over latin1 text on whether any message matches', () => {
    // `??` is one byte and `*` any run: the same as `.` and `.*` on bytes as latin1 characters.
    const token = fc.oneof(
      fc.constantFrom('??', '*'),
      fc.integer({ min: 0, max: 3 }).map((b) => b.toString(16).padStart(2, '0')),
    );
    const byte = fc.integer({ min: 0, max: 3 });
    fc.assert(
      fc.property(
        fc.array(token, { minLength: 1, maxLength: 6 }),
        fc.array(byte, { maxLength: 8 }),
        (tokens, bytes) => {
          const p = compiled(tokens.join(' '));
          const data = Uint8Array.from(bytes);
          const text = String.fromCharCode(...bytes);
          const re = tokens.map((t) => (t === '??' ? '.' : t === '*' ? '.*' : `\\x${t}`)).join('');
          const whole = matchHexPattern(p, data);
          expect(whole !== null).toBe(new RegExp(`^${re}$`, 's').test(text));
          const found = searchHexPattern(p, data);
          expect(found !== null).toBe(new RegExp(re, 's').test(text));
          if (whole) {
            // The captures put back in place rebuild the message.
            expect(toHex(whole.groups[0] as Uint8Array)).toBe(toHex(data));
            expect(whole.groups.slice(1).every((g) => g instanceof Uint8Array)).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
