import { describe, expect, it } from 'vitest';
import { catalogue, msg, sentences } from '../../../src/shared/messages/catalogue';
import { formatMessage, sentenceProblems } from '../../../src/shared/messages/format-message';
import { englishOf, plainFormats } from '../../../src/shared/messages/plain-formats';
import { sentencesEn } from '../../../src/shared/messages/sentences-en';
import { sentencesZhCN } from '../../../src/shared/messages/sentences-zh-CN';

const formats = {
  ...plainFormats,
  count: (n: number) => n.toLocaleString('en'),
  bytes: (n: number) => `${n} B`,
  ms: (n: number) => `${n / 1000} s`,
};

describe('the message catalogue', () => {
  it('every sentence in every language names exactly its parameters', () => {
    expect(sentenceProblems(sentencesEn)).toEqual([]);
    expect(sentenceProblems(sentencesZhCN)).toEqual([]);
    expect(Object.keys(sentencesZhCN).sort()).toEqual(Object.keys(catalogue).sort());
  });

  it('formats values by their kind: ports as digits, durations in seconds', () => {
    const ref = msg('socket.address-in-use', { host: '127.0.0.1', port: 9000 });
    expect(formatMessage(ref, sentencesEn, formats)).toBe(
      'Port 9000 on 127.0.0.1 is already in use',
    );
    const timedOut = msg('socket.timed-out', { where: '10.0.0.5:502', timeoutMs: 5000 });
    expect(formatMessage(timedOut, sentencesZhCN, formats)).toBe('连接 10.0.0.5:502 超时（5 s）');
  });

  it('a message inside a message is said in the same language', () => {
    const reason = msg('socket.refused', { where: '127.0.0.1:502' });
    const ref = msg('relay.conversation-failed', { route: 'a → b', reason });
    expect(englishOf(ref)).toBe(
      'Relay a → b: Connection to 127.0.0.1:502 was refused: nothing is listening there',
    );
    expect(formatMessage(ref, sentencesZhCN, formats)).toBe(
      '中继 a → b：连接 127.0.0.1:502 被拒绝：那里没有程序在监听',
    );
  });

  it("zod's own issues are said with its locale, the contract's own with the table", () => {
    const ref = msg('request.invalid', {
      issues: [
        { code: 'too_big', path: 'spec.port', origin: 'number', maximum: 65535, inclusive: true },
        { code: 'custom', path: 'spec.host', message: msg('address.host-empty', {}) },
      ],
    });
    expect(englishOf(ref)).toBe(
      'Invalid request: spec.port: Too big: expected number to be <=65535; spec.host: Enter a host name or an address',
    );
  });

  it('a code this build does not know is shown with its values, not dropped', () => {
    expect(formatMessage({ code: 'future.thing', params: { n: 1 } }, sentencesEn, formats)).toBe(
      'future.thing {"n":1}',
    );
  });

  it('no sentence holds a brace that is not a placeholder (the type check would misread it)', () => {
    for (const table of [sentencesEn, sentencesZhCN]) {
      for (const [code, sentence] of Object.entries(table)) {
        expect(sentence.replace(/\{\w+\}/g, ''), code).not.toMatch(/[{}]/);
      }
    }
  });

  it('the Chinese table is Chinese: every sentence with words in it has Chinese characters', () => {
    const latinOnly = Object.entries(sentencesZhCN).filter(
      ([, s]) => /[A-Za-z]{3,}/.test(s.replace(/\{\w+\}/g, '')) && !/\p{Script=Han}/u.test(s),
    );
    // Names that are the same in both languages: protocol words and option names.
    expect(latinOnly.map(([code]) => code).sort()).toEqual(['udp.option.ttl']);
  });

  // The @ts-expect-error lines are the type checker's half of this test
  // (`npm run typecheck` fails if any of them compiles); the run-time half
  // finds the same faults.
  it('a sentence with a missing or extra placeholder, or a missing code, is refused', () => {
    const good = { ...sentencesEn };
    const missing = { ...good, 'socket.address-in-use': 'Port on {host} is in use' } as const;
    // @ts-expect-error: {port} is missing
    sentences(missing);
    expect(sentenceProblems(missing)).toEqual(['socket.address-in-use: missing {port}']);
    const extra = { ...good, 'socket.refused': 'Refused by {who} at {where}' } as const;
    // @ts-expect-error: {who} is not a parameter of socket.refused
    sentences(extra);
    expect(sentenceProblems(extra)).toEqual(['socket.refused: unknown {who}']);
    const partial = { 'socket.refused': 'x {where}' } as const;
    // @ts-expect-error: codes without a sentence
    sentences(partial);
    expect(sentenceProblems(partial)).toContain('socket.address-in-use: no sentence');
    // @ts-expect-error: a parameter of the wrong type
    const wrong = msg('socket.address-in-use', { host: '::1', port: '9000' });
    expect(wrong.code).toBe('socket.address-in-use');
    // @ts-expect-error: a message where a message belongs, not a sentence
    const nested = msg('search.stopped', { reason: 'the worker died' });
    expect(nested.code).toBe('search.stopped');
  });
});
