import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesToTextSource,
  convertSource as convertSourceRefs,
} from '../../../src/shared/payload/convert';
import { TEXT_ENCODING_NAMES, type TextEncodingName } from '../../../src/shared/payload/encodings';
import { encodeTextPayload as encodeTextPayloadRefs } from '../../../src/shared/payload/escapes';
import { formatHex, parseHex as parseHexRefs } from '../../../src/shared/payload/hex-parse';
import { composePayload as composePayloadRefs } from '../../../src/shared/payload/compose';
import { payloadSpecSchema } from '../../../src/shared/payload/payload-spec';
import { hex, toHex } from './bytes';
import { speaking } from '../../helpers/english';

/** What a person reads: the messages in English. */
const convertSource = speaking(convertSourceRefs);
const composePayload = speaking(composePayloadRefs);
const encodeTextPayload = speaking(encodeTextPayloadRefs);
const parseHex = speaking(parseHexRefs);

function encoded(source: string, encoding: TextEncodingName): string {
  const r = encodeTextPayload(source, { encoding, escapes: true });
  if (!r.ok)
    throw new Error(`${JSON.stringify(source)}: ${r.issues.map((i) => i.message).join('; ')}`);
  return toHex(r.bytes);
}

/** Bytes with the interesting parts over-represented: controls, braces, backslashes, high bytes. */
const wireBytes = fc
  .uint8Array({ maxLength: 64 })
  .chain((random) =>
    fc
      .array(
        fc.constantFrom(0x00, 0x0a, 0x0d, 0x5c, 0x7b, 0x7d, 0x80, 0xd8, 0xdc, 0xef, 0xff, 0xfe),
        {
          maxLength: 16,
        },
      )
      .chain((special) =>
        fc.shuffledSubarray([...random, ...special], { minLength: random.length + special.length }),
      ),
  )
  .map((a) => Uint8Array.from(a));

describe('bytesToTextSource', () => {
  it.each<[string, TextEncodingName, string, string]>([
    ['printable ASCII as is', 'ascii', '48 69 21', 'Hi!'],
    ['controls as short escapes', 'ascii', '41 0D 0A 09 00', 'A\\r\\n\\t\\0'],
    [
      'other controls and non-ASCII bytes as \\xHH',
      'ascii',
      '02 41 03 80 FF',
      '\\x02A\\x03\\x80\\xFF',
    ],
    ['a backslash doubled', 'ascii', '5C 6E', '\\\\n'],
    ['UTF-8 characters decoded', 'utf-8', 'E4 B8 AD F0 9F 98 80', '中😀'],
    ['broken UTF-8 byte by byte', 'utf-8', 'E4 B8 41 C0 AF', '\\xE4\\xB8A\\xC0\\xAF'],
    ['UTF-8 surrogate encodings are not characters', 'utf-8', 'ED A0 80', '\\xED\\xA0\\x80'],
    ['Latin-1 C1 controls and NBSP as bytes', 'latin1', '85 A0 E9', '\\x85\\xA0é'],
    ['GBK Chinese', 'gbk', 'D6 D0 CE C4 0D 0A', '中文\\r\\n'],
    ['GB18030 four-byte', 'gb18030', '94 39 FC 36', '😀'],
    ['GBK lead byte without a trail', 'gbk', 'D6 0A', '\\xD6\\n'],
    ['UTF-16LE text with a newline', 'utf-16le', '48 00 0A 00', 'H\\n'],
    ['UTF-16BE pair', 'utf-16be', 'D8 3D DE 00', '😀'],
    [
      'UTF-16 lone surrogate unit as two raw bytes, staying aligned',
      'utf-16le',
      '00 D8 41 00',
      '\\x00\\xD8A',
    ],
    ['UTF-16 odd trailing byte', 'utf-16be', '00 41 42', 'A\\x42'],
    ['UTF-16 invisible character as \\u{…}', 'utf-16be', '20 0B', '\\u{200B}'],
    ['{{ cannot become a placeholder', 'ascii', '7B 7B 63 7D 7D', '\\u{7B}{c}}'],
  ])('%s', (_name, enc, bytes, text) => {
    expect(bytesToTextSource(hex(bytes), enc)).toBe(text);
    expect(encoded(text, enc)).toBe(toHex(hex(bytes)));
  });

  it('without escapes gives null when the bytes need them', () => {
    expect(bytesToTextSource(hex('41 42'), 'ascii', { escapes: false })).toBe('AB');
    expect(bytesToTextSource(hex('41 0A'), 'ascii', { escapes: false })).toBeNull();
    expect(bytesToTextSource(hex('7B 7B'), 'ascii', { escapes: false })).toBeNull();
    expect(bytesToTextSource(hex('5C'), 'ascii', { escapes: false })).toBe('\\');
  });

  it.each(TEXT_ENCODING_NAMES)('bytes → escaped %s text → bytes is the identity', (enc) => {
    fc.assert(
      fc.property(wireBytes, (bytes) => {
        expect(encoded(bytesToTextSource(bytes, enc), enc)).toBe(toHex(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it.each(TEXT_ENCODING_NAMES)(
    '%s: without escapes, whatever it can show round-trips too',
    (enc) => {
      fc.assert(
        fc.property(wireBytes, (bytes) => {
          const text = bytesToTextSource(bytes, enc, { escapes: false });
          if (text === null) return;
          const r = encodeTextPayload(text, { encoding: enc, escapes: false });
          expect(r.ok && toHex(r.bytes)).toBe(toHex(bytes));
        }),
        { numRuns: 200 },
      );
    },
  );
});

describe('convertSource', () => {
  const text = (encoding: TextEncodingName, escapes = true) => ({
    mode: 'text' as const,
    encoding,
    escapes,
  });
  const hexMode = (encoding: TextEncodingName = 'utf-8') => ({
    mode: 'hex' as const,
    encoding,
    escapes: true,
  });

  it('text → hex shows the bytes', () => {
    expect(convertSource('AT\\r\\n', text('ascii'), 'hex')).toEqual({
      ok: true,
      source: '41 54 0D 0A',
      escapes: true,
    });
  });

  it('hex → text shows printable characters and escapes the rest', () => {
    expect(convertSource('02 48 69 03 # STX Hi ETX', hexMode(), 'text')).toEqual({
      ok: true,
      source: '\\x02Hi\\x03',
      escapes: true,
    });
  });

  it('keeps escapes off when the bytes need none, and turns them on when they do', () => {
    expect(convertSource('48 69', { ...hexMode(), escapes: false }, 'text')).toEqual({
      ok: true,
      source: 'Hi',
      escapes: false,
    });
    expect(convertSource('48 0A', { ...hexMode(), escapes: false }, 'text')).toEqual({
      ok: true,
      source: 'H\\n',
      escapes: true,
    });
  });

  it('keeps placeholders as typed in both directions', () => {
    const toHexResult = convertSource('ID={{counter:4:16}};\\r', text('ascii'), 'hex');
    expect(toHexResult).toEqual({
      ok: true,
      source: '49 44 3D {{counter:4:16}} 3B 0D',
      escapes: true,
    });
    expect(convertSource('49 44 3D {{counter:4:16}} 3B 0D', hexMode('ascii'), 'text')).toEqual({
      ok: true,
      source: 'ID={{counter:4:16}};\\r',
      escapes: true,
    });
  });

  it('escapes a { right before a placeholder so it does not swallow it', () => {
    const r = convertSource('7B {{counter}} 7B', hexMode('ascii'), 'text');
    expect(r).toEqual({ ok: true, source: '\\u{7B}{{counter}}{', escapes: true });
  });

  it('refuses to convert a source with errors, returning them', () => {
    expect(convertSource('0G', hexMode(), 'text')).toEqual({
      ok: false,
      issues: [{ message: "'G' is not a hex digit", start: 1, end: 2 }],
    });
  });

  it('is a no-op to the same mode', () => {
    expect(convertSource('anything', text('utf-8'), 'text')).toEqual({
      ok: true,
      source: 'anything',
      escapes: true,
    });
  });

  it.each(TEXT_ENCODING_NAMES)(
    'hex → %s text → hex keeps every byte (what Send would send)',
    (encoding) => {
      fc.assert(
        fc.property(wireBytes, (bytes) => {
          const toText = convertSource(formatHex(bytes), hexMode(encoding), 'text');
          expect(toText.ok).toBe(true);
          if (!toText.ok) return;
          const spec = payloadSpecSchema.parse({
            mode: 'text',
            source: toText.source,
            encoding,
            escapes: toText.escapes,
          });
          const sent = composePayload(spec);
          expect(sent.ok && toHex(sent.bytes)).toBe(toHex(bytes));
          const back = convertSource(
            toText.source,
            { mode: 'text', encoding, escapes: toText.escapes },
            'hex',
          );
          const reparsed = back.ok ? parseHex(back.source) : null;
          expect(reparsed?.ok && toHex(reparsed.bytes)).toBe(toHex(bytes));
        }),
        { numRuns: 150 },
      );
    },
  );
});
