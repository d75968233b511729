import { msg } from '../messages/catalogue';
import { getChecksum, type ChecksumId } from './checksums/catalogue';
import { encodeText, type TextEncodingName } from './encodings';
import { issue, type PayloadIssue } from './issues';
import { MAX_PAYLOAD_BYTES, type PayloadSpec } from './payload-spec';
import { expandPlaceholder, type Placeholder, type PlaceholderContext } from './placeholders';
import type { Segment } from './segments';

export const LINE_ENDINGS = { none: '', lf: '\n', cr: '\r', crlf: '\r\n' } as const;

/**
 * How many bytes a placeholder will be, without making them: `{{random:N}}`
 * is N, `{{file:ID}}` the file's size (from the registry, before it is
 * read); counters and timestamps are a few characters, so they are simply
 * expanded. Anything that cannot be expanded counts 0 (composing says why).
 */
function placeholderSize(
  p: Placeholder,
  ctx: PlaceholderContext,
  encoding: TextEncodingName,
): number {
  switch (p.kind) {
    case 'random':
      return p.length;
    case 'file':
      return ctx.fileSize?.(p.id) ?? ctx.file?.(p.id)?.length ?? 0;
    default: {
      const x = expandPlaceholder(p, ctx);
      if (!x.ok) return 0;
      if (typeof x.value !== 'string') return x.value.length;
      const encoded = encodeText(x.value, encoding);
      return encoded.ok ? encoded.bytes.length : 0;
    }
  }
}

/** The composed size of a parsed payload (body, line ending and checksum), before any of it is made. */
export function composedSize(
  segments: readonly Segment[],
  spec: Pick<PayloadSpec, 'lineEnding' | 'checksum'>,
  ctx: PlaceholderContext,
  encoding: TextEncodingName,
): number {
  let size = 0;
  for (const s of segments) {
    size +=
      s.kind === 'bytes' ? s.bytes.length : placeholderSize(s.token.placeholder, ctx, encoding);
  }
  const eol = encodeText(LINE_ENDINGS[spec.lineEnding], encoding);
  if (eol.ok) size += eol.bytes.length;
  const c = spec.checksum;
  if (c.id !== 'none') {
    const width = getChecksum(c.id as ChecksumId).width;
    size += c.format === 'hex-text' ? 2 * width : width;
  }
  return size;
}

/** The sentence for a payload past the limit, naming its size. */
export function tooBigIssue(size: number, source: string): PayloadIssue {
  return issue(
    msg('payload.too-big', { size, max: MAX_PAYLOAD_BYTES }),
    0,
    Math.min(source.length, 1),
  );
}

/** Null if the payload fits in one send, else the issue that says how big it is. */
export function sizeIssue(
  segments: readonly Segment[],
  spec: Pick<PayloadSpec, 'lineEnding' | 'checksum' | 'source'>,
  ctx: PlaceholderContext,
  encoding: TextEncodingName,
): PayloadIssue | null {
  const size = composedSize(segments, spec, ctx, encoding);
  return size > MAX_PAYLOAD_BYTES ? tooBigIssue(size, spec.source) : null;
}
