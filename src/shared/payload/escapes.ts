import { ByteBuilder } from './byte-builder';
import { encodeText, type TextEncodingName } from './encodings';
import { msg } from '../messages/catalogue';
import { issue, MAX_ISSUES, type BytesResult, type PayloadIssue } from './issues';
import { scanPlaceholder } from './placeholders';
import type { Segment, SegmentsResult } from './segments';

/**
 * Text mode: characters encoded in the chosen encoding, with escapes for
 * what cannot be typed. `\r \n \t \0 \\` and `\u{H…}` stand for characters
 * and are encoded like typed ones (so `\n` is 0A 00 in UTF-16LE); `\xHH` is
 * one raw byte, inserted as it is whatever the encoding, because that is how
 * a user puts an STX or a non-character byte into a text frame.
 */

export interface TextSourceOptions {
  encoding: TextEncodingName;
  /** When off, a backslash is just a backslash. */
  escapes: boolean;
  /** Recognise `{{…}}` placeholders. */
  placeholders?: boolean;
}

const SIMPLE: Record<string, string> = { r: '\r', n: '\n', t: '\t', '0': '\0', '\\': '\\' };

/** Encodes a text-mode source without placeholders; issues point into `source`. */
export function encodeTextPayload(
  source: string,
  options: { encoding: TextEncodingName; escapes: boolean },
): BytesResult {
  const r = parseTextSegments(source, { ...options, placeholders: false });
  if (!r.ok) return r;
  const first = r.segments[0];
  return { ok: true, bytes: first?.kind === 'bytes' ? first.bytes : new Uint8Array(0) };
}

/**
 * Parses a text-mode source into literal byte runs and placeholders.
 * Characters are gathered into runs between raw bytes and placeholders and
 * each run is encoded at once; every UTF-16 unit of a run remembers the source
 * range it came from, so an unencodable `\u{20AC}` is marked as the escape,
 * not as some offset in decoded text.
 */
export function parseTextSegments(source: string, options: TextSourceOptions): SegmentsResult {
  const issues: PayloadIssue[] = [];
  const segments: Segment[] = [];
  let bytes = new ByteBuilder();
  let text: string[] = [];
  let from: number[] = [];
  let to: number[] = [];

  const addChars = (s: string, start: number, end: number): void => {
    text.push(s);
    for (let k = 0; k < s.length; k++) {
      from.push(start);
      to.push(end);
    }
  };
  const flushText = (): void => {
    if (from.length === 0) return;
    const r = encodeText(text.join(''), options.encoding);
    if (r.ok) bytes.append(r.bytes);
    else
      for (const i of r.issues)
        issues.push({ ...i, start: from[i.start] ?? 0, end: to[i.end - 1] ?? 0 });
    text = [];
    from = [];
    to = [];
  };
  const flushBytes = (): void => {
    flushText();
    if (bytes.length > 0) segments.push({ kind: 'bytes', bytes: bytes.toBytes() });
    bytes = new ByteBuilder();
  };

  let i = 0;
  let literalStart = 0;
  const flushLiteral = (): void => {
    // Typed characters map one to one onto the source.
    for (let k = literalStart; k < i; k++) {
      from.push(k);
      to.push(k + 1);
    }
    if (i > literalStart) text.push(source.slice(literalStart, i));
  };

  while (i < source.length && issues.length < MAX_ISSUES) {
    const c = source[i];
    if (options.escapes && c === '\\') {
      flushLiteral();
      const e = readEscape(source, i);
      if (e.kind === 'char') addChars(e.value, i, e.end);
      else if (e.kind === 'byte') {
        flushText();
        bytes.push(e.value);
      } else issues.push(e.issue);
      i = e.end;
      literalStart = i;
      continue;
    }
    if (options.placeholders && c === '{' && source[i + 1] === '{') {
      flushLiteral();
      flushBytes();
      const scan = scanPlaceholder(source, i);
      if (scan.ok) segments.push({ kind: 'placeholder', token: scan.token });
      else issues.push(scan.issue);
      i = scan.ok ? scan.token.end : scan.end;
      literalStart = i;
      continue;
    }
    i++;
  }
  flushLiteral();
  flushBytes();
  if (issues.length > 0) {
    issues.sort((a, b) => a.start - b.start);
    return { ok: false, issues: issues.slice(0, MAX_ISSUES) };
  }
  return { ok: true, segments };
}

type Escape =
  | { kind: 'char'; value: string; end: number }
  | { kind: 'byte'; value: number; end: number }
  | { kind: 'error'; issue: PayloadIssue; end: number };

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9A-Fa-f]$/.test(c);
}

/** Reads the escape whose backslash is at `at`. */
function readEscape(source: string, at: number): Escape {
  const letter = source[at + 1];
  if (letter === undefined) {
    const message = msg('payload.lone-backslash', {});
    return { kind: 'error', issue: issue(message, at, at + 1), end: at + 1 };
  }
  const simple = SIMPLE[letter];
  if (simple !== undefined) return { kind: 'char', value: simple, end: at + 2 };
  if (letter === 'x') {
    const hi = source[at + 2];
    const lo = source[at + 3];
    if (isHex(hi) && isHex(lo)) {
      return { kind: 'byte', value: parseInt(`${hi}${lo}`, 16), end: at + 4 };
    }
    const end = at + (isHex(hi) ? 3 : 2);
    return { kind: 'error', issue: issue(msg('payload.x-needs-two', {}), at, end), end };
  }
  if (letter === 'u') return readCodePoint(source, at);
  const ch = String.fromCodePoint(source.codePointAt(at + 1) ?? 0);
  const end = at + 1 + ch.length;
  const escape = `\\${ch}`;
  return { kind: 'error', issue: issue(msg('payload.unknown-escape', { escape }), at, end), end };
}

/** `\u{H…}`: 1–6 hex digits naming a Unicode scalar value. */
function readCodePoint(source: string, at: number): Escape {
  let j = at + 2;
  if (source[j] === '{') {
    j++;
    while (isHex(source[j])) j++;
    const digits = source.slice(at + 3, j);
    if (source[j] === '}' && digits.length >= 1 && digits.length <= 6) {
      const end = j + 1;
      const cp = parseInt(digits, 16);
      const name = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
      if (cp > 0x10ffff) {
        return {
          kind: 'error',
          issue: issue(msg('payload.beyond-unicode', { codePoint: name }), at, end),
          end,
        };
      }
      if (cp >= 0xd800 && cp <= 0xdfff) {
        // Half of a UTF-16 pair is not a character; no encoding can carry it alone.
        const message = msg('payload.surrogate-escape', { codePoint: name });
        return { kind: 'error', issue: issue(message, at, end), end };
      }
      return { kind: 'char', value: String.fromCodePoint(cp), end };
    }
    if (source[j] === '}') j++;
  }
  return { kind: 'error', issue: issue(msg('payload.u-needs-digits', {}), at, j), end: j };
}
