import { describe, expect, it } from 'vitest';
import {
  composePayload as composePayloadRefs,
  listFileIds,
  resolveRange as resolveRangeRefs,
} from '../../../src/shared/payload/compose';
import { payloadSpecSchema, type PayloadSpec } from '../../../src/shared/payload/payload-spec';
import { toHex } from './bytes';
import { speaking } from '../../helpers/english';

/** What a person reads: the messages in English. */
const composePayload = speaking(composePayloadRefs);
const resolveRange = speaking(resolveRangeRefs);

type SpecInput = Partial<Omit<PayloadSpec, 'checksum'>> & {
  checksum?: Partial<PayloadSpec['checksum']>;
};

function spec(input: SpecInput): PayloadSpec {
  return payloadSpecSchema.parse({ mode: 'text', source: '', ...input });
}

function wire(input: SpecInput, context = {}): string {
  const r = composePayload(spec(input), context);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return toHex(r.bytes);
}

describe('composePayload', () => {
  it('sends a Modbus RTU request with its CRC, low byte first by default', () => {
    const r = composePayload(
      spec({
        mode: 'hex',
        source: '01 03 00 00 00 0A',
        checksum: { id: 'crc16-modbus', order: 'le' },
      }),
    );
    expect(r).toEqual({
      ok: true,
      bytes: Uint8Array.of(0x01, 0x03, 0x00, 0x00, 0x00, 0x0a, 0xc5, 0xcd),
      parts: [
        { kind: 'body', start: 0, end: 6 },
        { kind: 'checksum', start: 6, end: 8 },
      ],
      placeholders: [],
    });
  });

  it('appends the line ending, encoded like the text (UTF-16 lines end in 0A 00)', () => {
    expect(wire({ source: 'AT', lineEnding: 'crlf' })).toBe('41 54 0D 0A');
    expect(wire({ source: 'AT', lineEnding: 'cr' })).toBe('41 54 0D');
    expect(wire({ source: 'AT', lineEnding: 'lf', encoding: 'utf-16le' })).toBe(
      '41 00 54 00 0A 00',
    );
    expect(wire({ mode: 'hex', source: '41', lineEnding: 'lf', encoding: 'utf-16le' })).toBe(
      '41 0A',
    );
  });

  it('puts the checksum before the line ending by default, covering the body', () => {
    const r = composePayload(spec({ source: 'AB', lineEnding: 'crlf', checksum: { id: 'xor' } }));
    expect(r.ok && toHex(r.bytes)).toBe('41 42 03 0D 0A');
    expect(r.ok && r.parts).toEqual([
      { kind: 'body', start: 0, end: 2 },
      { kind: 'checksum', start: 2, end: 3 },
      { kind: 'line-ending', start: 3, end: 5 },
    ]);
  });

  it('can put the checksum after the line ending, covering both', () => {
    const r = composePayload(
      spec({ source: 'AB', lineEnding: 'crlf', checksum: { id: 'xor', beforeLineEnding: false } }),
    );
    // 0x41 ^ 0x42 ^ 0x0D ^ 0x0A = 0x04
    expect(r.ok && toHex(r.bytes)).toBe('41 42 0D 0A 04');
    expect(r.ok && r.parts.map((p) => p.kind)).toEqual(['body', 'line-ending', 'checksum']);
  });

  it('writes an NMEA sentence: XOR over $…* as hex text, then CRLF', () => {
    const source = '$GPGGA,092750.000,5321.6802,N,00630.3372,W,1,8,1.03,61.7,M,55.2,M,,*';
    const r = composePayload(
      spec({
        source,
        lineEnding: 'crlf',
        checksum: { id: 'xor', from: 1, to: -1, format: 'hex-text' },
      }),
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(new TextDecoder().decode(r.bytes)).toBe(`${source}76\r\n`);
  });

  it('covers a byte range, negative ends counting from the end', () => {
    // Skip a one-byte STX at the start: checksum over 01 02 only.
    expect(wire({ mode: 'hex', source: '02 01 02', checksum: { id: 'sum8', from: 1 } })).toBe(
      '02 01 02 03',
    );
    expect(
      wire({ mode: 'hex', source: '02 01 02 03', checksum: { id: 'sum8', from: -3, to: -1 } }),
    ).toBe('02 01 02 03 03');
  });

  it('refuses a range that does not fit, pointing at the checksum setting', () => {
    const r = composePayload(
      spec({ mode: 'hex', source: '01 02', checksum: { id: 'xor', from: 3 } }),
    );
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          message: 'checksum range 3 to the end does not fit the 2-byte payload',
          start: 0,
          end: 0,
          field: 'checksum',
        },
      ],
    });
    expect(resolveRange(0, 5, 2)).toBe('checksum range 0 to 5 does not fit the 2-byte payload');
    expect(resolveRange(-1, null, 4)).toEqual([3, 4]);
    expect(resolveRange(2, 1, 4)).toBe('checksum range 2 to 1 does not fit the 4-byte payload');
  });

  it('honours a user-chosen byte order', () => {
    expect(
      wire({
        mode: 'hex',
        source: '01 03 00 00 00 0A',
        checksum: { id: 'crc16-modbus', order: 'be' },
      }),
    ).toBe('01 03 00 00 00 0A CD C5');
    expect(wire({ source: '123456789', checksum: { id: 'crc32', order: 'le' } })).toBe(
      '31 32 33 34 35 36 37 38 39 26 39 F4 CB',
    );
  });

  it('expands placeholders and records where they landed', () => {
    const r = composePayload(
      spec({ source: 'N{{counter:2:16}}|{{random:2}}', encoding: 'ascii' }),
      { counter: 10, randomBytes: (n: number) => new Uint8Array(n).fill(0xaa) },
    );
    expect(r.ok && toHex(r.bytes)).toBe('4E 30 41 7C AA AA');
    expect(r.ok && r.placeholders).toEqual([
      { start: 1, end: 3, sourceStart: 1, sourceEnd: 17 },
      { start: 4, end: 6, sourceStart: 18, sourceEnd: 30 },
    ]);
  });

  it('splices placeholder bytes into hex, counters as ASCII digits', () => {
    const file = (id: string) => (id === 'fw' ? Uint8Array.of(1, 2, 3) : undefined);
    expect(
      wire({ mode: 'hex', source: 'AA {{file:fw}} {{counter:2}} BB' }, { file, counter: 7 }),
    ).toBe('AA 01 02 03 30 37 BB');
  });

  it('encodes text placeholders in the chosen encoding', () => {
    expect(wire({ source: '{{counter}}', encoding: 'utf-16be' }, { counter: 12 })).toBe(
      '00 31 00 32',
    );
    expect(wire({ source: '{{timestamp:s}}', encoding: 'ascii' }, { nowMs: 1_000_999 })).toBe(
      '31 30 30 30',
    );
  });

  it('reports placeholder problems at the placeholder', () => {
    const r = composePayload(spec({ source: 'x {{file:gone}}' }), { file: () => undefined });
    expect(r).toEqual({
      ok: false,
      issues: [
        { message: "{{file:gone}}: file 'gone' is not loaded; choose it again", start: 2, end: 15 },
      ],
    });
    const parse = composePayload(spec({ source: '{{foo}} \\q' }));
    expect(parse.ok ? [] : parse.issues.map((i) => i.message)).toEqual([
      "unknown placeholder '{{foo}}'",
      "unknown escape '\\q'",
    ]);
  });

  it('sends an empty payload as nothing, or just its line ending', () => {
    expect(wire({ source: '' })).toBe('');
    const r = composePayload(spec({ source: '', lineEnding: 'lf' }));
    expect(r.ok && r.parts).toEqual([
      { kind: 'body', start: 0, end: 0 },
      { kind: 'line-ending', start: 0, end: 1 },
    ]);
  });

  it('lists the files a payload needs, once each', () => {
    expect(
      listFileIds(spec({ mode: 'hex', source: '{{file:a}} 00 {{file:b}} {{file:a}}' })),
    ).toEqual(['a', 'b']);
    expect(listFileIds(spec({ source: 'no files' }))).toEqual([]);
  });
});

describe('payloadSpecSchema', () => {
  it('fills defaults so an old or minimal saved payload still loads', () => {
    expect(payloadSpecSchema.parse({ mode: 'hex', source: '01' })).toEqual({
      mode: 'hex',
      source: '01',
      encoding: 'utf-8',
      escapes: true,
      lineEnding: 'none',
      checksum: {
        id: 'none',
        order: 'be',
        from: 0,
        to: null,
        beforeLineEnding: true,
        format: 'binary',
      },
    });
  });

  it('rejects unknown encodings, checksums and modes', () => {
    for (const spec of [
      { mode: 'hex', source: '', encoding: 'ebcdic' },
      { mode: 'hex', source: '', checksum: { id: 'md5' } },
      { mode: 'base64', source: '' },
      { mode: 'hex', source: '', checksum: { from: 1.5 } },
    ])
      expect(payloadSpecSchema.safeParse(spec).success, JSON.stringify(spec)).toBe(false);
  });
});

describe('the 64 MiB cap', () => {
  const file = (n: number) => () => new Uint8Array(n);
  it('sends exactly 64 MiB', () => {
    const r = composePayload(spec({ mode: 'hex', source: '{{file:big}}' }), {
      file: file(64 * 1024 * 1024),
    });
    expect(r.ok && r.bytes.length).toBe(64 * 1024 * 1024);
  });

  it('refuses one byte more, whether from the body or from what is appended', () => {
    const over = composePayload(spec({ mode: 'hex', source: '{{file:big}} 00' }), {
      file: file(64 * 1024 * 1024),
    });
    expect(over).toEqual({
      ok: false,
      issues: [
        {
          message: 'The payload is 67,108,865 bytes; at most 64 MiB can be sent at once',
          start: 0,
          end: 1,
        },
      ],
    });
    const appended = composePayload(
      spec({ mode: 'hex', source: '{{file:big}}', lineEnding: 'lf' }),
      { file: file(64 * 1024 * 1024) },
    );
    expect(appended.ok).toBe(false);
  });
});
