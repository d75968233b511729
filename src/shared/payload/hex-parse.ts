import { msg } from '../messages/catalogue';
import { ByteBuilder } from './byte-builder';
import { describeChar, issue, MAX_ISSUES, type BytesResult, type PayloadIssue } from './issues';
import { scanPlaceholder } from './placeholders';
import type { Segment, SegmentsResult } from './segments';

/**
 * Hex mode: digits in pairs, laid out however the user likes. Separators
 * (space, tab, newline, comma) are insignificant, so "0102", "01 02" and
 * "0x01, 0x02" are the same two bytes, and `#` or `//` comment to the end of
 * the line so a frame can be annotated field by field.
 */

const SEPARATORS = new Set([' ', '\t', '\n', '\r', ',']);

function hexValue(c: string | undefined): number {
  if (c === undefined) return -1;
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

export interface HexParseOptions {
  /** Recognise `{{…}}` placeholders (their bytes are spliced in when sending). */
  placeholders?: boolean;
}

/** Parses hex text into bytes; with no placeholders allowed, `{` is just a bad digit. */
export function parseHex(source: string): BytesResult {
  const r = parseHexSegments(source, { placeholders: false });
  if (!r.ok) return r;
  const first = r.segments[0];
  return { ok: true, bytes: first?.kind === 'bytes' ? first.bytes : new Uint8Array(0) };
}

/**
 * Parses hex text into literal byte runs and placeholders. Digits pair up
 * across whitespace (like Packet Sender), but not across a placeholder: a
 * byte is never half literal, half expanded.
 */
export function parseHexSegments(source: string, options: HexParseOptions = {}): SegmentsResult {
  const issues: PayloadIssue[] = [];
  const segments: Segment[] = [];
  let run = new ByteBuilder();
  let pending = -1; // the high nibble waiting for its partner
  let pendingAt = 0;
  let digitsInRun = 0;

  let issuesBeforeRun = 0;
  const endRun = (): void => {
    // After a bad character the digit count is noise: fixing the character may fix the count.
    if (pending >= 0 && issues.length === issuesBeforeRun) {
      issues.push(issue(msg('payload.hex-odd', { count: digitsInRun }), pendingAt, pendingAt + 1));
    }
    if (run.length > 0) segments.push({ kind: 'bytes', bytes: run.toBytes() });
    pending = -1;
    run = new ByteBuilder();
    digitsInRun = 0;
    issuesBeforeRun = issues.length;
  };

  let i = 0;
  while (i < source.length && issues.length < MAX_ISSUES) {
    const c = source[i] as string;
    if (SEPARATORS.has(c)) {
      i++;
      continue;
    }
    if (c === '#' || (c === '/' && source[i + 1] === '/')) {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
      continue;
    }
    if (options.placeholders && c === '{' && source[i + 1] === '{') {
      endRun();
      const scan = scanPlaceholder(source, i);
      if (scan.ok) segments.push({ kind: 'placeholder', token: scan.token });
      else issues.push(scan.issue);
      i = scan.ok ? scan.token.end : scan.end;
      continue;
    }
    // A 0x prefix only counts at the start of a token, so "A0x" stays an error
    // on 'x' rather than quietly meaning A0.
    if (c === '0' && (source[i + 1] === 'x' || source[i + 1] === 'X') && startsToken(source, i)) {
      const digits = countHexDigits(source, i + 2);
      if (digits === 1) {
        // "0x1, 0x2" would silently pair up as 0x12: C writes one-digit bytes, we do not guess.
        const text = source.slice(i, i + 3);
        const fixed = `0x0${text[2]}`;
        issues.push(issue(msg('payload.hex-0x-one-digit', { text, fixed }), i, i + 3));
        i += 3;
        continue;
      }
      if (digits > 1) {
        i += 2;
        continue;
      }
    }
    const v = hexValue(c);
    if (v < 0) {
      const ch = String.fromCodePoint(source.codePointAt(i) ?? 0);
      issues.push(
        issue(msg('payload.hex-bad-digit', { char: describeChar(ch) }), i, i + ch.length),
      );
      i += ch.length;
      continue;
    }
    digitsInRun++;
    if (pending < 0) {
      pending = v;
      pendingAt = i;
    } else {
      run.push((pending << 4) | v);
      pending = -1;
    }
    i++;
  }
  endRun();
  if (issues.length > 0) {
    issues.sort((a, b) => a.start - b.start);
    return { ok: false, issues: issues.slice(0, MAX_ISSUES) };
  }
  return { ok: true, segments };
}

function startsToken(source: string, i: number): boolean {
  const prev = source[i - 1];
  return prev === undefined || SEPARATORS.has(prev) || prev === '}';
}

function countHexDigits(source: string, from: number): number {
  let n = 0;
  while (hexValue(source[from + n]) >= 0) n++;
  return n;
}

export interface FormatHexOptions {
  /** Bytes per line; 0 puts everything on one line. */
  bytesPerLine?: number;
}

/** Bytes as uppercase hex pairs separated by spaces, `bytesPerLine` to a line. */
export function formatHex(bytes: Uint8Array, options: FormatHexOptions = {}): string {
  const perLine = options.bytesPerLine ?? 16;
  const lines: string[] = [];
  let line: string[] = [];
  for (let i = 0; i < bytes.length; i++) {
    line.push(HEX_PAIRS[bytes[i] as number] as string);
    if (perLine > 0 && line.length === perLine) {
      lines.push(line.join(' '));
      line = [];
    }
  }
  if (line.length > 0) lines.push(line.join(' '));
  return lines.join('\n');
}

const HEX_PAIRS = Array.from({ length: 256 }, (_, b) =>
  b.toString(16).toUpperCase().padStart(2, '0'),
);
