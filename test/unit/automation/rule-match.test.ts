import { describeProblem } from '../../../src/shared/automation/automation-errors';
import { describe, expect, it } from 'vitest';
import { composeWithCaptures } from '../../../src/shared/automation/captures';
import { compileRule, type MessageMatcher } from '../../../src/shared/automation/rule-match';
import {
  autoReplyRuleSchema,
  type AutoReplyRule,
  type AutoReplyRuleInput,
} from '../../../src/shared/automation/rule-spec';
import type { TextEncodingName } from '../../../src/shared/payload/encodings';
import { ascii, hex, toHex } from '../payload/bytes';

const textReply = { mode: 'text' as const, source: 'OK' };

function rule(input: Partial<AutoReplyRuleInput>): AutoReplyRule {
  return autoReplyRuleSchema.parse({ id: 'r1', matchAs: 'any', reply: textReply, ...input });
}

function matcher(
  input: Partial<AutoReplyRuleInput>,
  encoding: TextEncodingName = 'utf-8',
): MessageMatcher {
  const c = compileRule(rule(input), encoding);
  if (!c.ok) throw new Error(describeProblem(c.problem));
  return c.match;
}

/** What the rule replies to `message` (composed with its captures), or null when it does not match. */
function reply(
  input: Partial<AutoReplyRuleInput>,
  message: Uint8Array,
  encoding: TextEncodingName = 'utf-8',
) {
  const r = rule(input);
  const c = compileRule(r, encoding);
  if (!c.ok) throw new Error(describeProblem(c.problem));
  const captures = c.match(message);
  if (!captures) return null;
  const composed = composeWithCaptures(r.reply, captures);
  if (!composed.ok) throw new Error(describeProblem(composed.problem));
  return toHex(composed.bytes);
}

describe('rule matching', () => {
  it('Text matches a message that contains the text, escapes and all', () => {
    const m = matcher({ matchAs: 'text', match: 'PING\\r\\n' });
    expect(m(ascii('xxPING\r\nyy'))?.numbered.map(toHex)).toEqual([toHex(ascii('PING\r\n'))]);
    expect(m(ascii('PING\n'))).toBeNull();
  });

  it('Exact matches only the whole message', () => {
    const m = matcher({ matchAs: 'exact', match: 'PING' });
    expect(m(ascii('PING'))).not.toBeNull();
    expect(m(ascii('PING '))).toBeNull();
    expect(m(ascii('PIN'))).toBeNull();
  });

  it('Text matches in the connection encoding', () => {
    const m = matcher({ matchAs: 'text', match: '温度' }, 'gbk');
    expect(m(hex('CE C2 B6 C8 3D 32 35'))).not.toBeNull();
    expect(m(ascii('温度'))).toBeNull();
  });

  it('Regex answers PING 42 with PONG 42, by number and by name', () => {
    const ping = ascii('PING 42\n');
    const pong = toHex(ascii('PONG 42\n'));
    expect(
      reply(
        {
          matchAs: 'regex',
          match: '^PING (\\d+)',
          reply: { mode: 'text', source: 'PONG {{$1}}\\n' },
        },
        ping,
      ),
    ).toBe(pong);
    expect(
      reply(
        {
          matchAs: 'regex',
          match: '^ping (?<n>\\d+)',
          flags: 'i',
          reply: { mode: 'text', source: 'PONG {{$n}}\\n' },
        },
        ping,
      ),
    ).toBe(pong);
    expect(reply({ matchAs: 'regex', match: '^PONG' }, ping)).toBeNull();
  });

  it('Regex runs on the message decoded in the connection encoding, and captures its bytes', () => {
    const message = hex('CE C2 B6 C8 3D 32 35'); // 温度=25 in GBK
    const r = {
      matchAs: 'regex' as const,
      match: '(温度)=(\\d+)',
      reply: { mode: 'hex' as const, source: '{{$1}} {{$2}}' },
    };
    expect(reply(r, message, 'gbk')).toBe('CE C2 B6 C8 32 35');
    expect(reply(r, message, 'utf-8')).toBeNull();
  });

  it('Hex pattern answers a Modbus read, captures put back, CRC recomputed', () => {
    const r = {
      matchAs: 'hex' as const,
      match: '?? 03 ?? ?? 00 01 ?? ??',
      reply: {
        mode: 'hex' as const,
        source: '{{$1}} 03 02 00 2A',
        checksum: { id: 'crc16-modbus' as const, order: 'le' as const },
      },
    };
    // Read one register of unit 0x11; the CRC of 11 03 02 00 2A is 0x58F8.
    expect(reply(r, hex('11 03 00 6B 00 01 F6 88'))).toBe('11 03 02 00 2A F8 58');
    expect(reply(r, hex('11 03 00 6B 00 02 F6 88'))).toBeNull();
  });

  it('Any matches every message, {{$0}} being the message', () => {
    expect(
      reply({ matchAs: 'any', reply: { mode: 'text', source: 'echo:{{$0}}' } }, ascii('hi')),
    ).toBe(toHex(ascii('echo:hi')));
  });

  it('says why a rule cannot compile, and where', () => {
    const problem = (input: Partial<AutoReplyRuleInput>) => {
      const c = compileRule(rule(input), 'ascii');
      return c.ok ? null : [c.field, c.problem.code, c.start, c.end, describeProblem(c.problem)];
    };
    expect(problem({ matchAs: 'regex', match: 'a(' })).toEqual([
      'match',
      'automation.regex-invalid',
      undefined,
      undefined,
      'The regex is not valid: Invalid regular expression: /a(/: Unterminated group',
    ]);
    expect(problem({ matchAs: 'text', match: '' })?.slice(0, 2)).toEqual([
      'match',
      'automation.rule-match-empty',
    ]);
    expect(problem({ matchAs: 'regex', match: '' })?.[4]).toBe(
      'The regex match is empty; choose "Any" to answer every message',
    );
    expect(problem({ matchAs: 'hex', match: '01 0Z' })?.slice(0, 4)).toEqual([
      'match',
      'automation.hex-pattern-char',
      4,
      5,
    ]);
    expect(problem({ matchAs: 'text', match: 'é' })?.slice(0, 4)).toEqual([
      'match',
      'automation.rule-match-invalid',
      0,
      1,
    ]);
    expect(
      problem({
        matchAs: 'text',
        match: 'x',
        reply: { mode: 'hex', source: '01 {{$1}} 0' },
      })?.slice(0, 4),
    ).toEqual(['reply', 'automation.rule-reply-invalid', 10, 11]);
    expect(problem({ matchAs: 'text', match: 'x' })).toBeNull();
  });

  it('refuses regex flags other than i, m, s, u in the saved rule', () => {
    expect(() => rule({ matchAs: 'regex', match: 'a', flags: 'g' })).toThrow();
    expect(() => rule({ matchAs: 'regex', match: 'a', flags: 'ii' })).toThrow();
    expect(rule({ matchAs: 'regex', match: 'a', flags: 'ims' }).flags).toBe('ims');
  });
});
