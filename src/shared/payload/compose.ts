import { msg, type MessageRef } from '../messages/catalogue';
import { concatBytes } from './byte-builder';
import { checksumBytes, type ChecksumId } from './checksums/catalogue';
import { encodeText, type TextEncodingName } from './encodings';
import { parseTextSegments } from './escapes';
import { formatHex, parseHexSegments } from './hex-parse';
import { issue, type PayloadIssue } from './issues';
import { LINE_ENDINGS, sizeIssue, tooBigIssue } from './payload-size';
import { MAX_PAYLOAD_BYTES, type PayloadSpec } from './payload-spec';
import { expandPlaceholder, type PlaceholderContext } from './placeholders';
import type { Segment, SegmentsResult } from './segments';

/**
 * What Send puts on the wire, built from a PayloadSpec: the body (the
 * editor's content with placeholders expanded), then the line ending and
 * the checksum in the order the spec says. The preview shows exactly these
 * bytes, with `parts` marking what was appended.
 */

export type ComposeContext = PlaceholderContext;

export interface PayloadPart {
  kind: 'body' | 'line-ending' | 'checksum';
  /** Byte offsets in the composed payload, end exclusive. */
  start: number;
  end: number;
}

/** Where a placeholder's value landed in the bytes, and where it was typed. */
export interface PlaceholderSpan {
  start: number;
  end: number;
  sourceStart: number;
  sourceEnd: number;
}

export type ComposeResult =
  | { ok: true; bytes: Uint8Array; parts: PayloadPart[]; placeholders: PlaceholderSpan[] }
  | { ok: false; issues: PayloadIssue[] };

/** Parses the editor's content in its mode, placeholders included. */
export function parsePayloadSource(
  spec: Pick<PayloadSpec, 'mode' | 'source' | 'encoding' | 'escapes'>,
): SegmentsResult {
  return spec.mode === 'hex'
    ? parseHexSegments(spec.source, { placeholders: true })
    : parseTextSegments(spec.source, {
        encoding: spec.encoding,
        escapes: spec.escapes,
        placeholders: true,
      });
}

/** Ids of the `{{file:ID}}` placeholders, so the caller can load those files before composing. */
export function listFileIds(spec: PayloadSpec): string[] {
  const r = parsePayloadSource(spec);
  if (!r.ok) return [];
  const ids = new Set<string>();
  for (const s of r.segments)
    if (s.kind === 'placeholder' && s.token.placeholder.kind === 'file')
      ids.add(s.token.placeholder.id);
  return [...ids];
}

/** Counter and timestamp are text; in hex mode there is no chosen encoding, so ASCII. */
function placeholderEncoding(spec: PayloadSpec): TextEncodingName {
  return spec.mode === 'text' ? spec.encoding : 'ascii';
}

/**
 * Null if `spec` fits in one send, else the issue saying how big it would
 * be: measured from the placeholders (random lengths, `context.fileSize`),
 * so a payload past the limit is refused before a file is read or a byte
 * of it is made.
 */
export function payloadSizeIssue(spec: PayloadSpec, context: ComposeContext): PayloadIssue | null {
  const parsed = parsePayloadSource(spec);
  return parsed.ok ? sizeIssue(parsed.segments, spec, context, placeholderEncoding(spec)) : null;
}

/** The bytes Send puts on the wire for `spec`, or every problem that stops it. */
export function composePayload(spec: PayloadSpec, context: ComposeContext = {}): ComposeResult {
  const parsed = parsePayloadSource(spec);
  if (!parsed.ok) return parsed;
  return composeSegments(parsed.segments, spec, context);
}

/**
 * composePayload on a source already parsed (`spec.source` is only named in
 * issues): automation splices captured bytes in as segments, so they are
 * measured with the rest before a byte is joined.
 */
export function composeSegments(
  segments: readonly Segment[],
  spec: PayloadSpec,
  context: ComposeContext = {},
): ComposeResult {
  const parsed = { segments };
  const textEncoding = placeholderEncoding(spec);
  const tooBig = sizeIssue(parsed.segments, spec, context, textEncoding);
  if (tooBig) return { ok: false, issues: [tooBig] };
  const issues: PayloadIssue[] = [];
  const pieces: Uint8Array[] = [];
  const placeholders: PlaceholderSpan[] = [];
  let length = 0;
  for (const s of parsed.segments) {
    if (s.kind === 'bytes') {
      pieces.push(s.bytes);
      length += s.bytes.length;
      continue;
    }
    const { token } = s;
    const x = expandPlaceholder(token.placeholder, context, token.text);
    if (!x.ok) {
      issues.push(issue(x.message, token.start, token.end));
      continue;
    }
    let value: Uint8Array;
    if (typeof x.value === 'string') {
      const encoded = encodeText(x.value, textEncoding);
      if (!encoded.ok) {
        for (const reason of encoded.issues.slice(0, 1).map((i) => i.message)) {
          const message = msg('payload.placeholder-unencodable', {
            placeholder: token.text,
            reason,
          });
          issues.push(issue(message, token.start, token.end));
        }
        continue;
      }
      value = encoded.bytes;
    } else value = x.value;
    pieces.push(value);
    placeholders.push({
      start: length,
      end: length + value.length,
      sourceStart: token.start,
      sourceEnd: token.end,
    });
    length += value.length;
  }
  if (issues.length > 0) return { ok: false, issues };
  // A file may have grown since it was measured: checked again before anything is joined.
  if (length > MAX_PAYLOAD_BYTES) return { ok: false, issues: [tooBigIssue(length, spec.source)] };

  const body = concatBytes(pieces);
  const eolText = LINE_ENDINGS[spec.lineEnding];
  // A UTF-16 text line ends in 0A 00; in hex mode a line ending is the raw byte(s).
  const eol = encodeText(eolText, textEncoding);
  const lineEnding = eol.ok ? eol.bytes : new Uint8Array(0);

  const c = spec.checksum;
  const parts: PayloadPart[] = [{ kind: 'body', start: 0, end: body.length }];
  if (c.id === 'none') {
    if (lineEnding.length > 0)
      parts.push({ kind: 'line-ending', start: body.length, end: body.length + lineEnding.length });
    return finish(concatBytes([body, lineEnding]), parts, placeholders, spec.source);
  }

  const covered = c.beforeLineEnding ? body : concatBytes([body, lineEnding]);
  const range = resolveRange(c.from, c.to, covered.length);
  if (!Array.isArray(range)) {
    return { ok: false, issues: [{ message: range, start: 0, end: 0, field: 'checksum' }] };
  }
  let sum = checksumBytes(c.id as ChecksumId, covered.subarray(range[0], range[1]), c.order);
  if (c.format === 'hex-text') sum = asciiHex(sum);

  const order: Array<[PayloadPart['kind'], Uint8Array]> = c.beforeLineEnding
    ? [
        ['checksum', sum],
        ['line-ending', lineEnding],
      ]
    : [
        ['line-ending', lineEnding],
        ['checksum', sum],
      ];
  let at = body.length;
  for (const [kind, bytes] of order) {
    if (bytes.length === 0) continue;
    parts.push({ kind, start: at, end: at + bytes.length });
    at += bytes.length;
  }
  const bytes = concatBytes([body, ...order.map(([, b]) => b)]);
  return finish(bytes, parts, placeholders, spec.source);
}

function finish(
  bytes: Uint8Array,
  parts: PayloadPart[],
  placeholders: PlaceholderSpan[],
  source: string,
): ComposeResult {
  if (bytes.length > MAX_PAYLOAD_BYTES)
    return { ok: false, issues: [tooBigIssue(bytes.length, source)] };
  return { ok: true, bytes, parts, placeholders };
}

/**
 * [from, to) with negative values counting from the end, like
 * Array.prototype.slice, but a range that does not fit is an error rather
 * than silently clamped: a checksum over the wrong bytes is worse than none.
 */
export function resolveRange(
  from: number,
  to: number | null,
  length: number,
): [number, number] | MessageRef {
  const start = from < 0 ? length + from : from;
  const end = to === null ? length : to < 0 ? length + to : to;
  if (start < 0 || end > length || start > end) {
    return to === null
      ? msg('payload.checksum-range-to-end', { from, length })
      : msg('payload.checksum-range', { from, to, length });
  }
  return [start, end];
}

function asciiHex(bytes: Uint8Array): Uint8Array {
  const text = formatHex(bytes, { bytesPerLine: 0 }).replace(/ /g, '');
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}
