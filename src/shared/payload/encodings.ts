import iconv from 'iconv-lite';
import { msg, type MessageRef } from '../messages/catalogue';
import { describeChar, issue, MAX_ISSUES, type PayloadIssue } from './issues';

/**
 * Text encodings of the payload editor. iconv-lite does the multi-byte work
 * (it is bundled into the renderer with the npm `buffer` package standing in
 * for Node's), but it substitutes '?' for what it cannot encode. A device
 * receiving a '?' it was never meant to get is exactly the silent corruption
 * this editor exists to prevent, so every character is checked first and an
 * unencodable one is an error at its position.
 */
export type TextEncodingName =
  'utf-8' | 'ascii' | 'latin1' | 'utf-16le' | 'utf-16be' | 'gbk' | 'gb18030';

/** The encodings in the order the UI lists them. */
export const TEXT_ENCODINGS: ReadonlyArray<{ name: TextEncodingName; label: string }> = [
  { name: 'utf-8', label: 'UTF-8' },
  { name: 'ascii', label: 'ASCII' },
  { name: 'latin1', label: 'Latin-1 (ISO-8859-1)' },
  { name: 'utf-16le', label: 'UTF-16LE' },
  { name: 'utf-16be', label: 'UTF-16BE' },
  { name: 'gbk', label: 'GBK' },
  { name: 'gb18030', label: 'GB18030' },
];

export const TEXT_ENCODING_NAMES = TEXT_ENCODINGS.map((e) => e.name) as [
  TextEncodingName,
  ...TextEncodingName[],
];

export type EncodeResult = { ok: true; bytes: Uint8Array } | { ok: false; issues: PayloadIssue[] };

/** iconv-lite returns a Buffer (Node) or a polyfilled one (browser); callers get a plain copy. */
function toPlain(buf: Uint8Array): Uint8Array {
  return Uint8Array.from(buf);
}

function iconvEncode(text: string, enc: TextEncodingName): Uint8Array {
  return toPlain(iconv.encode(text, enc, { addBOM: false }));
}

/**
 * Decodes bytes for display. Malformed sequences become U+FFFD; the lossless
 * path for showing arbitrary bytes as text is bytesToTextSource in convert.ts.
 * A BOM is kept as a character: it is a byte the user sent or received.
 */
export function decodeText(bytes: Uint8Array, enc: TextEncodingName): string {
  return iconv.decode(bytes, enc, { stripBOM: false });
}

/**
 * Why a single character (one code point, as a string) cannot be encoded,
 * or null if it can.
 */
export function unencodableReason(ch: string, enc: TextEncodingName): MessageRef | null {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0xd800 && cp <= 0xdfff) {
    // A lone surrogate is half of a character; every encoder would invent a replacement.
    return msg('payload.lone-surrogate', { codePoint: `U+${cp.toString(16).toUpperCase()}` });
  }
  switch (enc) {
    case 'ascii':
      return cp < 0x80 ? null : msg('payload.not-ascii', { char: describeChar(ch) });
    case 'latin1':
      return cp <= 0xff ? null : msg('payload.not-latin1', { char: describeChar(ch) });
    case 'gbk':
      return gbkCan(ch) ? null : msg('payload.not-gbk', { char: describeChar(ch) });
    default:
      // UTF-8, UTF-16 and GB18030 cover all of Unicode.
      return null;
  }
}

/** GBK lacks most of Unicode; round-trip the character to see whether iconv-lite substituted it. */
function gbkCan(ch: string): boolean {
  if (ch.length === 1 && ch.charCodeAt(0) < 0x80) return true;
  return iconv.decode(iconv.encode(ch, 'gbk'), 'gbk') === ch;
}

/**
 * Encodes text, refusing (with positions) any character the encoding cannot
 * represent instead of substituting it.
 */
export function encodeText(text: string, enc: TextEncodingName): EncodeResult {
  const issues: PayloadIssue[] = [];
  // Only non-ASCII characters can fail, and one check per distinct character is enough.
  const verdicts = new Map<string, MessageRef | null>();
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) ?? 0;
    const len = cp > 0xffff ? 2 : 1;
    if (cp >= 0x80) {
      const ch = text.slice(i, i + len);
      let reason = verdicts.get(ch);
      if (reason === undefined) {
        reason = unencodableReason(ch, enc);
        verdicts.set(ch, reason);
      }
      if (reason !== null) issues.push(issue(reason, i, i + len));
    }
    i += len;
  }
  if (issues.length > 0) return { ok: false, issues: issues.slice(0, MAX_ISSUES) };
  return { ok: true, bytes: encodeChecked(text, enc) };
}

/** Encoding of text already known to be representable. */
function encodeChecked(text: string, enc: TextEncodingName): Uint8Array {
  if (enc === 'ascii' || enc === 'latin1') {
    // One byte per UTF-16 unit, already checked to fit.
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }
  return iconvEncode(text, enc);
}
