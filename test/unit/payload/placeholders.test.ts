import { describe, expect, it } from 'vitest';
import {
  expandPlaceholder as expandPlaceholderRefs,
  formatCounter,
  scanPlaceholder as scanPlaceholderRefs,
  type Placeholder,
} from '../../../src/shared/payload/placeholders';
import { speaking } from '../../helpers/english';

/** What a person reads: the messages in English. */
const expandPlaceholder = speaking(expandPlaceholderRefs);
const scanPlaceholder = speaking(scanPlaceholderRefs);

function parse(text: string): Placeholder {
  const r = scanPlaceholder(text, 0);
  if (!r.ok) throw new Error(r.issue.message);
  return r.token.placeholder;
}

function problem(source: string, at = 0) {
  const r = scanPlaceholder(source, at);
  if (r.ok) throw new Error(`${source} parsed`);
  return r.issue;
}

describe('scanPlaceholder', () => {
  it.each<[string, Placeholder]>([
    ['{{counter}}', { kind: 'counter', width: 0, base: 10 }],
    ['{{counter:4}}', { kind: 'counter', width: 4, base: 10 }],
    ['{{counter:4:16}}', { kind: 'counter', width: 4, base: 16 }],
    ['{{ counter:2:2 }}', { kind: 'counter', width: 2, base: 2 }],
    ['{{timestamp}}', { kind: 'timestamp', format: 'ms' }],
    ['{{timestamp:iso}}', { kind: 'timestamp', format: 'iso' }],
    ['{{timestamp:s}}', { kind: 'timestamp', format: 's' }],
    ['{{random:1}}', { kind: 'random', length: 1 }],
    ['{{random:65536}}', { kind: 'random', length: 65536 }],
    ['{{file:f_01.bin}}', { kind: 'file', id: 'f_01.bin' }],
  ])('%s', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it('gives the whole token with its position', () => {
    const r = scanPlaceholder('ab{{counter}}cd', 2);
    expect(r).toEqual({
      ok: true,
      token: {
        placeholder: { kind: 'counter', width: 0, base: 10 },
        start: 2,
        end: 13,
        text: '{{counter}}',
      },
    });
  });

  it('"unknown placeholder \'{{foo}}\'"', () => {
    expect(problem('x {{foo}} y', 2)).toEqual({
      message: "unknown placeholder '{{foo}}'",
      start: 2,
      end: 9,
    });
  });

  it('"{{random:N}} needs N from 1 to 65536"', () => {
    const message = '{{random:N}} needs N from 1 to 65536';
    expect(problem('{{random:0}}')).toEqual({ message, start: 0, end: 12 });
    expect(problem('{{random:65537}}').message).toBe(message);
    expect(problem('{{random}}').message).toBe(message);
    expect(problem('{{random:1e3}}').message).toBe(message);
  });

  const WIDTH = '{{counter:WIDTH}} needs WIDTH from 1 to 20';
  const BASE = '{{counter:WIDTH:BASE}} needs BASE from 2 to 36';
  const FILE_ID = '{{file:ID}} needs the id of a file chosen in the file dialog';
  it.each([
    ['{{counter:0}}', WIDTH],
    ['{{counter:21}}', WIDTH],
    ['{{counter:4:1}}', BASE],
    ['{{counter:4:37}}', BASE],
    ['{{counter:1:2:3}}', '{{counter:WIDTH:BASE}} takes at most a width and a base'],
    ['{{timestamp:year}}', "{{timestamp:…}} takes ms, s or iso, not 'year'"],
    ['{{file:}}', FILE_ID],
    ['{{file:../etc/passwd}}', FILE_ID],
  ])('%s: "%s"', (source, message) => {
    expect(problem(source).message).toBe(message);
  });

  it("an unclosed '{{' is reported where it is, not swallowing the next line", () => {
    expect(problem('{{counter\n}}')).toEqual({
      message: "'{{' is never closed with '}}' on this line",
      start: 0,
      end: 2,
    });
  });
});

describe('expandPlaceholder', () => {
  it('formats the counter, zero-padded, wrapping at the field width', () => {
    expect(formatCounter(255, 4, 16)).toBe('00FF');
    expect(formatCounter(7, 0, 10)).toBe('7');
    expect(formatCounter(5, 3, 2)).toBe('101');
    expect(formatCounter(0x1_0005, 4, 16)).toBe('0005');
    expect(formatCounter(1234567, 3, 10)).toBe('567');
    expect(formatCounter(Number.MAX_SAFE_INTEGER, 20, 10)).toBe('00009007199254740991');
    const p = parse('{{counter:4:16}}');
    expect(expandPlaceholder(p, { counter: 42 })).toEqual({ ok: true, value: '002A' });
    expect(expandPlaceholder(parse('{{counter}}'), {})).toEqual({ ok: true, value: '0' });
  });

  it('writes the timestamp in ms, s or ISO from the injected clock', () => {
    const nowMs = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
    expect(expandPlaceholder(parse('{{timestamp}}'), { nowMs })).toEqual({
      ok: true,
      value: String(nowMs),
    });
    expect(expandPlaceholder(parse('{{timestamp:s}}'), { nowMs })).toEqual({
      ok: true,
      value: '1704164645',
    });
    expect(expandPlaceholder(parse('{{timestamp:iso}}'), { nowMs })).toEqual({
      ok: true,
      value: '2024-01-02T03:04:05.678Z',
    });
  });

  it('takes random bytes from the injected source, checking their count', () => {
    const randomBytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => i + 1);
    expect(expandPlaceholder(parse('{{random:3}}'), { randomBytes })).toEqual({
      ok: true,
      value: Uint8Array.of(1, 2, 3),
    });
    expect(expandPlaceholder(parse('{{random:3}}'), {})).toEqual({
      ok: false,
      message: '{{random}}: no source of random bytes was given',
    });
    expect(
      expandPlaceholder(parse('{{random:3}}'), { randomBytes: () => new Uint8Array(1) }),
    ).toEqual({
      ok: false,
      message: '{{random}}: the random source gave 1 of 3 bytes',
    });
  });

  it('takes file bytes from the resolver, and says when a file is not loaded', () => {
    const files = new Map([['fw', Uint8Array.of(0xde, 0xad)]]);
    const file = (id: string) => files.get(id);
    expect(expandPlaceholder(parse('{{file:fw}}'), { file })).toEqual({
      ok: true,
      value: Uint8Array.of(0xde, 0xad),
    });
    expect(expandPlaceholder(parse('{{file:other}}'), { file }, '{{file:other}}')).toEqual({
      ok: false,
      message: "{{file:other}}: file 'other' is not loaded; choose it again",
    });
  });
});
