import { describe, expect, it } from 'vitest';
import { linearRegex } from '../../../src/main/engine/automation/linear-regex';
import { RuleResponder } from '../../../src/main/engine/automation/rule-responder';
import { autoReplyRuleSchema } from '../../../src/shared/automation/rule-spec';
import { ascii } from '../payload/bytes';

/**
 * Regexes in main run on what peers send: one that backtracks for ever
 * would freeze every socket. These inputs take the plain backtracking
 * engine hours (2^40 paths); here each call must simply return, and the
 * test would hang if it did not.
 */

const HOSTILE = `${'a'.repeat(40)}b`;

function made(source: string, flags = '') {
  const r = linearRegex(source, flags);
  if (!r.ok) throw new Error(r.problem.code);
  return r.re;
}

describe('regexes in the main process', () => {
  it('bounds catastrophic backtracking: nested quantifiers on a hostile message return', () => {
    expect(made('^(a+)+$').test(HOSTILE)).toBe(false);
    expect(made('^(a|a)*$').test(HOSTILE)).toBe(false);
    expect(made('^(\\w+\\s?)*$').test(`${'a'.repeat(40)}!`)).toBe(false);
    // Case-insensitive too: the i flag is spelled out, so the same bound holds.
    expect(made('^(A+)+$', 'i').test(HOSTILE)).toBe(false);
  });

  it('still finds what it should, groups and all, with i, m and s', () => {
    expect(made('^PING (\\d+)$').exec('PING 42')?.[1]).toBe('42');
    expect(made('token=(?<t>\\w+)', 'i').exec('TOKEN=Ab1')?.groups?.t).toBe('Ab1');
    expect(made('^b$', 'm').test('a\nb')).toBe(true);
    expect(made('a.b', 's').test('a\nb')).toBe(true);
  });

  it('refuses what only the backtracking engine can run, and says so', () => {
    for (const [source, flags] of [
      ['(a)\\1', ''],
      ['(?=a)a', ''],
      ['(?<!x)a', ''],
      ['a{1,100}', ''],
      ['a', 'u'],
    ] as const) {
      const r = linearRegex(source, flags);
      expect(r.ok ? 'accepted' : r.problem.code).toBe('automation.regex-not-linear');
    }
    const bad = linearRegex('a(', '');
    expect(bad.ok ? '' : bad.problem.code).toBe('automation.regex-invalid');
  });

  it('a rule with a hostile regex answers the next message after a hostile one', () => {
    const replies: string[] = [];
    const responder = new RuleResponder({
      rules: [
        autoReplyRuleSchema.parse({
          id: 'r',
          matchAs: 'regex',
          match: '^(a+)+$',
          reply: { mode: 'text', source: 'ALL A' },
        }),
      ],
      encoding: 'utf-8',
      framing: { mode: 'raw' },
      target: {
        reply: (_peer, bytes) => {
          replies.push(Buffer.from(bytes).toString());
          return Promise.resolve();
        },
        closed: new AbortController().signal,
      },
    });
    const chunk = (text: string, seq: number) =>
      responder.receive({
        seq,
        endpointId: 'e',
        peerId: 'p',
        dir: 'rx',
        time: seq,
        data: ascii(text),
      });
    chunk(HOSTILE, 0);
    chunk('aaaa', 1);
    expect(replies).toEqual(['ALL A']);
  });
});
