import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  copyAs,
  toBase64,
  toCArray,
  toEscapedText,
  toHexString,
  toPythonBytes,
} from '../../../src/shared/bytes/copy-formats';

const enc = new TextEncoder();
const every = Uint8Array.from({ length: 256 }, (_, i) => i);

/** Python evaluates the literal and writes the bytes back: the real judge of validity. */
function pythonEval(literals: string[]): Uint8Array[] {
  const script = `import sys, ast\nfor line in sys.stdin.read().splitlines():\n    v = ast.literal_eval(line)\n    assert isinstance(v, bytes)\n    print(v.hex())\n`;
  const out = execFileSync('python3', ['-c', script], { input: literals.join('\n') + '\n' });
  // One line per literal; an empty bytes value is an empty line, so no trim().
  return out
    .toString('latin1')
    .split('\n')
    .slice(0, literals.length)
    .map((hex) => Uint8Array.from(Buffer.from(hex, 'hex')));
}

describe('copy formats', () => {
  it('copies hex with spaces in upper case', () => {
    expect(toHexString(enc.encode('He\x00'))).toBe('48 65 00');
    expect(toHexString(enc.encode('He'), { separator: '', uppercase: false })).toBe('4865');
    expect(copyAs('hex', new Uint8Array())).toBe('');
  });

  it('hex with any separator and case is Buffer’s hex, byte for byte (the fast path and the general one)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom('', ' ', ':', ', ', '\u00a0', '-'),
        fc.boolean(),
        (bytes, separator, uppercase) => {
          const pairs = [...Buffer.from(bytes).toString('hex').matchAll(/../g)].map((m) => m[0]);
          const expected = pairs.join(separator);
          expect(toHexString(bytes, { separator, uppercase })).toBe(
            uppercase ? expected.toUpperCase() : expected,
          );
        },
      ),
    );
  });

  it('writes a C array on one line, wrapped at 12 values past that', () => {
    expect(toCArray(enc.encode('Hel'))).toBe('const uint8_t data[3] = { 0x48, 0x65, 0x6c };');
    const long = toCArray(
      Uint8Array.from({ length: 13 }, (_, i) => i),
      { name: 'frame' },
    );
    expect(long).toBe(
      'const uint8_t frame[13] = {\n' +
        '    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,\n' +
        '    0x0c,\n' +
        '};',
    );
    expect(() => toCArray(every, { name: '1x' })).toThrow(/not a C identifier/);
  });

  it('writes C that gcc compiles to the same bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-carray-'));
    const src = `#include <stdint.h>\n#include <stdio.h>\n${toCArray(every)}\nint main(void) { fwrite(data, 1, sizeof data, stdout); return 0; }\n`;
    writeFileSync(join(dir, 'a.c'), src);
    execFileSync('gcc', ['-std=c99', '-Wall', '-Werror', '-o', join(dir, 'a'), join(dir, 'a.c')]);
    expect(new Uint8Array(execFileSync(join(dir, 'a')))).toEqual(every);
  });

  it('writes Python bytes literals that Python reads back exactly', () => {
    expect(toPythonBytes(enc.encode("He\x00'\\\r\n\t"))).toBe("b'He\\x00\\'\\\\\\r\\n\\t'");
    const samples = [every, new Uint8Array(), enc.encode(`it's "quoted" \\ done`)];
    fc.sample(fc.uint8Array({ maxLength: 64 }), 50).forEach((s) => samples.push(s));
    const back = pythonEval(samples.map(toPythonBytes));
    expect(back).toEqual(samples);
  });

  it('encodes base64 exactly as Node does, for every length remainder', () => {
    expect(toBase64(enc.encode('Hel'))).toBe('SGVs');
    expect(toBase64(enc.encode('He'))).toBe('SGU=');
    expect(toBase64(enc.encode('H'))).toBe('SA==');
    expect(toBase64(new Uint8Array())).toBe('');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
    );
  });

  it('escapes text with C escapes, optionally keeping UTF-8 characters', () => {
    expect(toEscapedText(enc.encode('AT\r\n\x00\\'))).toBe('AT\\r\\n\\x00\\\\');
    const mixed = new Uint8Array([...enc.encode('温'), 0xff, 0xc2, 0x85]);
    expect(toEscapedText(mixed)).toBe('\\xE6\\xB8\\xA9\\xFF\\xC2\\x85');
    expect(toEscapedText(mixed, { keepUtf8: true })).toBe('温\\xFF\\xC2\\x85');
  });

  it('escaped text reads back to the same bytes (Python as the reader of C escapes)', () => {
    const samples = fc.sample(fc.uint8Array({ maxLength: 64 }), 50);
    samples.push(every);
    const back = pythonEval(samples.map((s) => `b'${toEscapedText(s).replace(/'/g, "\\'")}'`));
    expect(back).toEqual(samples);
  });
});
