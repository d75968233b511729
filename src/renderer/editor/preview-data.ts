import type { PayloadPart } from '../../shared/payload/compose';

/** The preview shows this many bytes from the start, and a tail when there is more. */
export const PREVIEW_HEAD_BYTES = 1024;
export const PREVIEW_TAIL_BYTES = 256;

/**
 * What the preview draws: the length, the first bytes, the last bytes when
 * the payload is longer than the head (a checksum sits at the end), and the
 * parts. A composed payload in the renderer and a file payload composed in
 * main both come down to this, so a 64 MiB send is never drawn whole.
 */
export interface PreviewData {
  length: number;
  head: Uint8Array;
  /** Offset of `tail[0]` in the payload. */
  tailOffset: number;
  tail: Uint8Array;
  parts: PayloadPart[];
  /** Placeholders whose value is drawn again at send time (timestamp, random). */
  volatile: boolean;
}

export function previewOf(bytes: Uint8Array, parts: PayloadPart[], volatile = false): PreviewData {
  if (bytes.length <= PREVIEW_HEAD_BYTES + PREVIEW_TAIL_BYTES) {
    return {
      length: bytes.length,
      head: bytes,
      tailOffset: bytes.length,
      tail: new Uint8Array(0),
      parts,
      volatile,
    };
  }
  // The tail starts on a 16-byte row so its offsets line up with the head's.
  const tailOffset = Math.floor((bytes.length - PREVIEW_TAIL_BYTES) / 16) * 16;
  return {
    length: bytes.length,
    head: bytes.subarray(0, PREVIEW_HEAD_BYTES),
    tailOffset,
    tail: bytes.subarray(tailOffset),
    parts,
    volatile,
  };
}

/** Which part the byte at `offset` belongs to. */
export function partAt(parts: readonly PayloadPart[], offset: number): PayloadPart['kind'] {
  for (const p of parts) if (offset >= p.start && offset < p.end) return p.kind;
  return 'body';
}
