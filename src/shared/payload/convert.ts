import iconv from 'iconv-lite';
import { utf8CodePoint, utf8SequenceLength } from '../bytes/visible-text';
import type { TextEncodingName } from './encodings';
import { parseTextSegments } from './escapes';
import { formatHex, parseHexSegments } from './hex-parse';
import type { PayloadIssue } from './issues';
import type { Segment } from './segments';

/**
 * Mode switching. Text → hex is easy (show the bytes). Hex → text must not
 * lose a byte even when the bytes are not valid text: each character is
 * decoded only if re-encoding it gives back exactly the same bytes, and
 * everything else becomes an escape, so that encoding the result (escapes
 * on) reproduces the input byte for byte.
 */

interface Decoded {
  ch: string;
  len: number;
}

/** Invisible or layout-breaking characters are shown as escapes, not typed into the editor. */
function printable(ch: string): boolean {
  return ch === ' ' || !/[\p{C}\p{Z}]/u.test(ch);
}

const SHORT: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t', '\0': '\\0' };

export interface BytesToTextOptions {
  /** False asks for text without escapes; the result is null if that cannot show the bytes. */
  escapes?: boolean;
  /** The text will be followed by `{`: a trailing `{` must not form a placeholder with it. */
  followedByBrace?: boolean;
}

/**
 * Bytes as text-mode source in `encoding`: printable characters as they
 * are, `\\` for a backslash, `\r \n \t \0`, `\u{…}` for other invisible
 * characters and `\xHH` for bytes that are not a character.
 */
export function bytesToTextSource(
  bytes: Uint8Array,
  encoding: TextEncodingName,
  options: { escapes: false; followedByBrace?: boolean },
): string | null;
export function bytesToTextSource(
  bytes: Uint8Array,
  encoding: TextEncodingName,
  options?: BytesToTextOptions,
): string;
export function bytesToTextSource(
  bytes: Uint8Array,
  encoding: TextEncodingName,
  options: BytesToTextOptions = {},
): string | null {
  const escapes = options.escapes ?? true;
  const decoder = charDecoder(encoding);
  const chars: Array<Decoded | number> = [];
  for (let i = 0; i < bytes.length;) {
    const d = decoder(bytes, i);
    if (d) {
      chars.push(d);
      i += d.len;
    } else {
      // A broken UTF-16 unit is skipped whole, so the text after it stays aligned.
      const n = encoding.startsWith('utf-16') ? Math.min(2, bytes.length - i) : 1;
      for (let k = 0; k < n; k++) chars.push(bytes[i + k] as number);
      i += n;
    }
  }
  const out: string[] = [];
  for (let k = 0; k < chars.length; k++) {
    const c = chars[k] as Decoded | number;
    if (typeof c === 'number') {
      if (!escapes) return null;
      out.push(`\\x${hex2(c)}`);
      continue;
    }
    const { ch, len } = c;
    const next = chars[k + 1];
    const braceNext =
      next === undefined
        ? options.followedByBrace === true
        : typeof next !== 'number' && next.ch === '{';
    if (!escapes) {
      // "{{" would read back as a placeholder, and only an escape can prevent that.
      if (!printable(ch) || (ch === '{' && braceNext)) return null;
      out.push(ch);
      continue;
    }
    if (ch === '\\') out.push('\\\\');
    else if (ch === '{' && braceNext) out.push('\\u{7B}');
    else if (SHORT[ch] !== undefined) out.push(SHORT[ch]);
    else if (!printable(ch)) {
      const cp = ch.codePointAt(0) ?? 0;
      // A one-byte character is the byte itself; \xHH shows it as the byte it is.
      out.push(len === 1 ? `\\x${hex2(cp)}` : `\\u{${cp.toString(16).toUpperCase()}}`);
    } else out.push(ch);
  }
  return out.join('');
}

function hex2(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}

type CharDecoder = (bytes: Uint8Array, at: number) => Decoded | null;

function charDecoder(encoding: TextEncodingName): CharDecoder {
  switch (encoding) {
    case 'utf-8':
      return decodeUtf8;
    case 'ascii':
      return (b, at) => ((b[at] as number) < 0x80 ? single(b, at) : null);
    case 'latin1':
      return single;
    case 'utf-16le':
    case 'utf-16be':
      return utf16Decoder(encoding === 'utf-16le');
    case 'gbk':
    case 'gb18030':
      return gbDecoder(encoding);
  }
}

function single(b: Uint8Array, at: number): Decoded {
  return { ch: String.fromCharCode(b[at] as number), len: 1 };
}

/** Strict UTF-8 (shortest form only, no surrogates, nothing past U+10FFFF), as the Text view reads it. */
function decodeUtf8(b: Uint8Array, at: number): Decoded | null {
  const len = utf8SequenceLength(b, at);
  return len === 0 ? null : { ch: String.fromCodePoint(utf8CodePoint(b, at, len)), len };
}

function utf16Decoder(le: boolean): CharDecoder {
  const unit = (b: Uint8Array, at: number): number =>
    le
      ? (b[at] as number) | ((b[at + 1] as number) << 8)
      : ((b[at] as number) << 8) | (b[at + 1] as number);
  return (b, at) => {
    if (at + 2 > b.length) return null;
    const u = unit(b, at);
    if (u < 0xd800 || u > 0xdfff) return { ch: String.fromCharCode(u), len: 2 };
    if (u > 0xdbff || at + 4 > b.length) return null;
    const v = unit(b, at + 2);
    if (v < 0xdc00 || v > 0xdfff) return null;
    return { ch: String.fromCharCode(u, v), len: 4 };
  };
}

/**
 * GBK and GB18030 through iconv-lite: try one-, two- and four-byte
 * sequences and keep the first that decodes to one character and encodes
 * back to the same bytes. The round trip, not iconv-lite's leniency, decides
 * what is a character.
 */
function gbDecoder(encoding: 'gbk' | 'gb18030'): CharDecoder {
  const cache = new Map<number, string | null>();
  const lengths = encoding === 'gb18030' ? [1, 2, 4] : [1, 2];
  return (b, at) => {
    if ((b[at] as number) < 0x80) return single(b, at);
    for (const len of lengths) {
      if (at + len > b.length) break;
      let key = len;
      for (let k = 0; k < len; k++) key = key * 256 + (b[at + k] as number);
      let ch = cache.get(key);
      if (ch === undefined) {
        const slice = b.subarray(at, at + len);
        const s = iconv.decode(slice, encoding, { stripBOM: false });
        const one = s.length > 0 && String.fromCodePoint(s.codePointAt(0) ?? 0) === s;
        ch = one && sameBytes(iconv.encode(s, encoding), slice) ? s : null;
        cache.set(key, ch);
      }
      if (ch !== null) return { ch, len };
    }
    return null;
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Renders parsed segments as text-mode source; placeholders stay as typed. */
export function segmentsToTextSource(
  segments: Segment[],
  encoding: TextEncodingName,
  escapes: boolean,
): string | null {
  const out: string[] = [];
  for (let k = 0; k < segments.length; k++) {
    const s = segments[k] as Segment;
    if (s.kind === 'placeholder') {
      out.push(s.token.text);
      continue;
    }
    const followedByBrace = segments[k + 1]?.kind === 'placeholder';
    const text = escapes
      ? bytesToTextSource(s.bytes, encoding, { followedByBrace })
      : bytesToTextSource(s.bytes, encoding, { escapes: false, followedByBrace });
    if (text === null) return null;
    out.push(text);
  }
  return out.join('');
}

/** Renders parsed segments as hex-mode source; placeholders stay as typed. */
export function segmentsToHexSource(segments: Segment[], bytesPerLine = 16): string {
  return segments
    .map((s) => (s.kind === 'placeholder' ? s.token.text : formatHex(s.bytes, { bytesPerLine })))
    .filter((s) => s.length > 0)
    .join(' ');
}

export type ConvertResult =
  { ok: true; source: string; escapes: boolean } | { ok: false; issues: PayloadIssue[] };

/**
 * Converts an editor's content to the other mode, keeping every byte and
 * every placeholder. Comments in hex are not bytes and do not survive. A
 * text result keeps escapes off only if the bytes can be shown without any;
 * `escapes` in the result says how the converted text must be read.
 */
export function convertSource(
  source: string,
  from: { mode: 'text' | 'hex'; encoding: TextEncodingName; escapes: boolean },
  to: 'text' | 'hex',
): ConvertResult {
  if (from.mode === to) return { ok: true, source, escapes: from.escapes };
  const parsed =
    from.mode === 'hex'
      ? parseHexSegments(source, { placeholders: true })
      : parseTextSegments(source, { ...from, placeholders: true });
  if (!parsed.ok) return parsed;
  if (to === 'hex') {
    return { ok: true, source: segmentsToHexSource(parsed.segments), escapes: from.escapes };
  }
  const plain = from.escapes ? null : segmentsToTextSource(parsed.segments, from.encoding, false);
  if (plain !== null) return { ok: true, source: plain, escapes: false };
  const escaped = segmentsToTextSource(parsed.segments, from.encoding, true) as string;
  return { ok: true, source: escaped, escapes: true };
}
