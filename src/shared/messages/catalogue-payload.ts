import type { ParamKind } from './catalogue';

/**
 * What the payload parsers say about a source (shared/payload): hex,
 * escapes, placeholders, text encodings, checksum ranges, size. A `char` is
 * the character as typed in quotes, or U+XXXX when it would be invisible;
 * `placeholder` is the placeholder as typed (`{{random:0}}`), `form` its
 * syntax (`{{random:N}}`).
 */
export const payloadCatalogue = {
  'payload.hex-odd': { count: 'count' },
  'payload.hex-0x-one-digit': { text: 'text', fixed: 'text' },
  'payload.hex-bad-digit': { char: 'text' },
  'payload.lone-backslash': {},
  'payload.x-needs-two': {},
  'payload.unknown-escape': { escape: 'text' },
  'payload.beyond-unicode': { codePoint: 'text' },
  'payload.surrogate-escape': { codePoint: 'text' },
  'payload.u-needs-digits': {},
  'payload.placeholder-unclosed': { opening: 'text', closing: 'text' },
  'payload.counter-args': { form: 'text' },
  'payload.counter-width': { form: 'text', max: 'int' },
  'payload.counter-base': { form: 'text' },
  'payload.timestamp-format': { form: 'text', format: 'text' },
  'payload.random-length': { form: 'text', max: 'int' },
  'payload.file-id': { form: 'text' },
  'payload.unknown-placeholder': { placeholder: 'text' },
  'payload.no-random-source': { placeholder: 'text' },
  'payload.random-short': { placeholder: 'text', got: 'count', wanted: 'count' },
  'payload.file-not-loaded': { placeholder: 'text', id: 'text' },
  'payload.placeholder-unencodable': { placeholder: 'text', reason: 'message' },
  'payload.lone-surrogate': { codePoint: 'text' },
  'payload.not-ascii': { char: 'text' },
  'payload.not-latin1': { char: 'text' },
  'payload.not-gbk': { char: 'text' },
  'payload.checksum-range': { from: 'int', to: 'int', length: 'count' },
  'payload.checksum-range-to-end': { from: 'int', length: 'count' },
  'payload.too-big': { size: 'count', max: 'bytes' },
  'payload.convert-to-hex': { reason: 'message' },
  'payload.convert-to-text': { reason: 'message' },
} as const satisfies Record<string, Record<string, ParamKind>>;
