import type { PayloadPart } from '../../shared/payload/compose';
import type { PreviewWindow } from '../../shared/payload/preview-window';

/** A preview window, and whether some of its bytes are drawn again at send time. */
export interface PreviewData extends PreviewWindow {
  /** Placeholders whose value changes per send (timestamp, random). */
  volatile: boolean;
}

/** What the byte at `offset` is: appended (line ending, checksum), a placeholder's value, or typed. */
export function partAt(
  data: Pick<PreviewWindow, 'parts' | 'placeholders'>,
  offset: number,
): PayloadPart['kind'] | 'placeholder' {
  for (const p of data.parts)
    if (offset >= p.start && offset < p.end && p.kind !== 'body') return p.kind;
  for (const p of data.placeholders) if (offset >= p.start && offset < p.end) return 'placeholder';
  return 'body';
}
