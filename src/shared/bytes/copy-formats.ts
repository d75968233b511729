/**
 * "Copy as …" for a message or a selection. Each format is one a person pastes
 * somewhere strict (a C file, a Python shell, a JSON field), so each is exact:
 * every output decodes back to the same bytes in its own language.
 */
import { hexByte } from './hexdump';
import { utf8SequenceLength } from './visible-text';

export type CopyFormat = 'hex' | 'c-array' | 'python' | 'base64' | 'escaped';

export interface HexCopyOptions {
  /** Between bytes; default one space. */
  separator?: string;
  /** Default true: `48 65 6C`. */
  uppercase?: boolean;
}

const asciiDecoder = new TextDecoder('utf-8');
const DIGITS_UPPER = Uint8Array.from('0123456789ABCDEF', (c) => c.charCodeAt(0));
const DIGITS_LOWER = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** `48 65 6C` (or with another separator, or lower case). */
export function toHexString(bytes: Uint8Array, options: HexCopyOptions = {}): string {
  const upper = options.uppercase ?? true;
  const separator = options.separator ?? ' ';
  // The usual separators (none, one ASCII character): ASCII codes into one buffer, decoded
  // once. A JSONL export or the command line's --jsonl formats every byte it sees this way.
  if (separator.length <= 1 && (separator === '' || separator.charCodeAt(0) < 0x80)) {
    const digits = upper ? DIGITS_UPPER : DIGITS_LOWER;
    const sep = separator.charCodeAt(0);
    const step = 2 + separator.length;
    const out = new Uint8Array(Math.max(0, bytes.length * step - separator.length));
    let o = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (i > 0 && step === 3) out[o++] = sep;
      const b = bytes[i]!;
      out[o++] = digits[b >> 4]!;
      out[o++] = digits[b & 15]!;
    }
    return asciiDecoder.decode(out);
  }
  const parts: string[] = new Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) parts[i] = hexByte(bytes[i]!, upper);
  return parts.join(separator);
}

export interface CArrayOptions {
  /** The variable name; default `data`. */
  name?: string;
  /** Values per line before wrapping; default 12. */
  perLine?: number;
}

/**
 * A C declaration, `const uint8_t data[3] = { 0x48, 0x65, 0x6c };`, on one
 * line when it fits `perLine` values and wrapped with one row per line after.
 */
export function toCArray(bytes: Uint8Array, options: CArrayOptions = {}): string {
  const name = options.name ?? 'data';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new RangeError(`"${name}" is not a C identifier`);
  }
  const perLine = Math.max(1, options.perLine ?? 12);
  const head = `const uint8_t ${name}[${bytes.length}] = {`;
  // ISO C has no zero-length arrays; an empty brace list is C23 and a GNU extension.
  if (bytes.length === 0) return `const uint8_t ${name}[] = {};`;
  const values: string[] = new Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) values[i] = '0x' + hexByte(bytes[i]!);
  if (bytes.length <= perLine) return `${head} ${values.join(', ')} };`;
  const rows: string[] = [];
  for (let i = 0; i < values.length; i += perLine) {
    rows.push('    ' + values.slice(i, i + perLine).join(', ') + ',');
  }
  return `${head}\n${rows.join('\n')}\n};`;
}

/** Python's own escapes, in the order `repr(bytes)` uses them. */
const PYTHON_ESCAPE: Record<number, string> = {
  0x09: '\\t',
  0x0a: '\\n',
  0x0d: '\\r',
  0x27: "\\'",
  0x5c: '\\\\',
};

/** A Python bytes literal, `b'He\x00'`, escaped as `repr()` does (always in single quotes). */
export function toPythonBytes(bytes: Uint8Array): string {
  const parts: string[] = new Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    parts[i] =
      PYTHON_ESCAPE[b] ?? (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '\\x' + hexByte(b));
  }
  return `b'${parts.join('')}'`;
}

const B64 = Uint8Array.from(
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  (c) => c.charCodeAt(0),
);
const PAD = 0x3d;

/** Standard base64 with padding (RFC 4648 §4), without Node's Buffer. */
export function toBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  const whole = bytes.length - (bytes.length % 3);
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = B64[n >>> 18]!;
    out[o++] = B64[(n >>> 12) & 63]!;
    out[o++] = B64[(n >>> 6) & 63]!;
    out[o++] = B64[n & 63]!;
  }
  const rest = bytes.length - whole;
  if (rest > 0) {
    const n = (bytes[whole]! << 16) | (rest === 2 ? bytes[whole + 1]! << 8 : 0);
    out[o++] = B64[n >>> 18]!;
    out[o++] = B64[(n >>> 12) & 63]!;
    out[o++] = rest === 2 ? B64[(n >>> 6) & 63]! : PAD;
    out[o++] = PAD;
  }
  return asciiDecoder.decode(out);
}

export interface EscapedTextOptions {
  /**
   * Keep valid UTF-8 sequences of printable characters as text (default
   * false: every byte outside printable ASCII is `\xNN`, exact in any encoding).
   */
  keepUtf8?: boolean;
}

const TEXT_ESCAPE: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x5c: '\\\\' };

/**
 * Text with C-style escapes (`\r`, `\n`, `\t`, `\\`, `\xNN`), the form the
 * payload editor reads back to the same bytes.
 */
export function toEscapedText(bytes: Uint8Array, options: EscapedTextOptions = {}): string {
  const parts: string[] = [];
  const utf8 = new TextDecoder('utf-8');
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const named = TEXT_ESCAPE[b];
    if (named !== undefined) parts.push(named);
    else if (b >= 0x20 && b < 0x7f) parts.push(String.fromCharCode(b));
    else if (options.keepUtf8 && b >= 0x80) {
      const len = utf8SequenceLength(bytes, i);
      const char = len > 1 ? utf8.decode(bytes.subarray(i, i + len)) : '';
      // C1 controls (U+0080–U+009F) decode validly but are invisible: keep them escaped.
      if (len > 1 && char.codePointAt(0)! > 0x9f) {
        parts.push(char);
        i += len;
        continue;
      }
      parts.push('\\x' + hexByte(b, true));
    } else parts.push('\\x' + hexByte(b, true));
    i++;
  }
  return parts.join('');
}

/** One entry point for the copy menu. */
export function copyAs(format: CopyFormat, bytes: Uint8Array): string {
  switch (format) {
    case 'hex':
      return toHexString(bytes);
    case 'c-array':
      return toCArray(bytes);
    case 'python':
      return toPythonBytes(bytes);
    case 'base64':
      return toBase64(bytes);
    case 'escaped':
      return toEscapedText(bytes);
  }
}
