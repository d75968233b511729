import type { PayloadPart } from '../../shared/payload/compose';
import type { PreviewWindow } from '../../shared/payload/preview-window';

/** A preview window, and whether some of its bytes are drawn again at send time. */
export interface PreviewData extends PreviewWindow {
  /** Placeholders whose value changes per send (timestamp, random). */
  volatile: boolean;
}

/** Which part the byte at `offset` belongs to. */
export function partAt(parts: readonly PayloadPart[], offset: number): PayloadPart['kind'] {
  for (const p of parts) if (offset >= p.start && offset < p.end) return p.kind;
  return 'body';
}
