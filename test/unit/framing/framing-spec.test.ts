import { describe, expect, it } from 'vitest';
import { parseDelimiter } from '../../../src/shared/framing/delimiter-field';
import { DEFAULT_FRAMING, framingSpec } from '../../../src/shared/framing/framing-spec';
import { createFramer } from '../../../src/shared/framing/framer';
import { msg } from '../../../src/shared/messages/catalogue';
import { englishOf } from '../../../src/shared/messages/plain-formats';
import { requestIssue } from '../../../src/shared/messages/request-issues';

/** What the framing form shows for each problem: the field, then what is wrong. */
const messages = (input: unknown) => {
  const r = framingSpec.safeParse(input, { reportInput: true });
  if (r.success) return [];
  return r.error.issues.map((i) => englishOf(msg('form.invalid', { issues: [requestIssue(i)] })));
};

describe('framing spec', () => {
  it('fills in defaults', () => {
    expect(framingSpec.parse({ mode: 'length-prefix' })).toEqual({
      mode: 'length-prefix',
      offset: 0,
      size: 2,
      endian: 'big',
      includesHeader: false,
      adjustment: 0,
      maxFrameBytes: 1024 * 1024,
    });
    expect(framingSpec.parse({ mode: 'delimiter', delimiter: '\\n' })).toMatchObject({
      delimiterFormat: 'text',
      keepDelimiter: true,
    });
    expect(framingSpec.parse(DEFAULT_FRAMING)).toEqual({ mode: 'raw' });
  });

  it('rejects bad specs with sentences a person understands', () => {
    expect(messages({ mode: 'fixed', length: 0 })).toEqual([
      'length: The frame length must be a whole number of bytes from 1 to 64 MiB',
    ]);
    expect(messages({ mode: 'idle', gapMs: 0 })).toEqual([
      'gapMs: The idle gap must be more than 0 ms and at most 10 min',
    ]);
    expect(messages({ mode: 'delimiter', delimiter: '7E0', delimiterFormat: 'hex' })).toEqual([
      'delimiter: Hex has an odd number of digits (3)',
    ]);
    expect(messages({ mode: 'delimiter', delimiter: '' })).toEqual([
      'delimiter: The delimiter is empty',
    ]);
    // zod's own words, for what the form cannot get wrong by typing.
    expect(messages({ mode: 'length-prefix', size: 3 })).toEqual(['size: Invalid input']);
    expect(messages({ mode: 'chunks' }).length).toBe(1);
    expect(() => createFramer({ mode: 'fixed', length: -1 })).toThrow();
  });
});

describe('delimiter field', () => {
  const bytes = (text: string, format: 'text' | 'hex') => {
    const r = parseDelimiter(text, format);
    return r.ok ? Array.from(r.bytes) : englishOf(r.error);
  };

  it('reads text with escapes, as UTF-8', () => {
    expect(bytes('\\r\\n', 'text')).toEqual([13, 10]);
    expect(bytes('\\x7E\\0\\t\\\\', 'text')).toEqual([0x7e, 0, 9, 0x5c]);
    expect(bytes('。', 'text')).toEqual([0xe3, 0x80, 0x82]);
    expect(bytes('\\q', 'text')).toMatch(/"\\q" is not an escape/);
    expect(bytes('\\x4', 'text')).toMatch(/needs two hex digits/);
    expect(bytes('ab\\', 'text')).toBe('The delimiter ends with a lone backslash');
  });

  it('reads hex as people paste it', () => {
    expect(bytes('7E', 'hex')).toEqual([0x7e]);
    expect(bytes('0d 0a', 'hex')).toEqual([13, 10]);
    expect(bytes('0x0D,0x0A', 'hex')).toEqual([13, 10]);
    expect(bytes('7G', 'hex')).toBe('"G" is not a hex digit');
    expect(bytes('00'.repeat(65), 'hex')).toBe('The delimiter is 65 bytes; at most 64 are allowed');
  });
});
