/**
 * The delimiter field of the framing form, as text with escapes (`\r\n`) or
 * as hex (`7E`, `0D 0A`). A deliberately tiny parser for this one field: the
 * payload editor's full escape language lives in src/shared/payload.
 */
import { msg, type MessageRef } from '../messages/catalogue';

export type DelimiterFormat = 'text' | 'hex';

export type DelimiterParse = { ok: true; bytes: Uint8Array } | { ok: false; error: MessageRef };

/** The longest delimiter accepted; longer ones are a typo, not a protocol. */
export const MAX_DELIMITER_BYTES = 64;

const NAMED: Record<string, number> = { r: 0x0d, n: 0x0a, t: 0x09, '0': 0x00, '\\': 0x5c };

function parseText(text: string): DelimiterParse {
  const out: number[] = [];
  const utf8 = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\') {
      const cp = text.codePointAt(i)!;
      const char = String.fromCodePoint(cp);
      out.push(...utf8.encode(char));
      i += char.length - 1;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) return { ok: false, error: msg('delimiter.lone-backslash', {}) };
    const named = NAMED[next];
    if (named !== undefined) {
      out.push(named);
      i++;
    } else if (next === 'x' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 2, i + 4))) {
      out.push(parseInt(text.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (next === 'x') {
      return { ok: false, error: msg('delimiter.x-digits', {}) };
    } else {
      return { ok: false, error: msg('delimiter.unknown-escape', { escape: `\\${next}` }) };
    }
  }
  return { ok: true, bytes: Uint8Array.from(out) };
}

function parseHex(text: string): DelimiterParse {
  // People paste hex as "7E", "0d 0a", "0x0D,0x0A" or "0D:0A".
  const digits = text.replace(/0x/gi, '').replace(/[\s,:-]/g, '');
  const bad = /[^0-9A-Fa-f]/.exec(digits);
  if (bad) return { ok: false, error: msg('hex.bad-digit', { char: bad[0] }) };
  if (digits.length % 2 === 1) {
    return { ok: false, error: msg('hex.odd-digits', { count: digits.length }) };
  }
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return { ok: true, bytes };
}

/** The delimiter's bytes, or the message saying why the field is not one. */
export function parseDelimiter(text: string, format: DelimiterFormat): DelimiterParse {
  const parsed = format === 'hex' ? parseHex(text) : parseText(text);
  if (!parsed.ok) return parsed;
  if (parsed.bytes.length === 0) return { ok: false, error: msg('delimiter.empty', {}) };
  if (parsed.bytes.length > MAX_DELIMITER_BYTES) {
    const length = parsed.bytes.length;
    return { ok: false, error: msg('delimiter.too-long', { length, max: MAX_DELIMITER_BYTES }) };
  }
  return parsed;
}
