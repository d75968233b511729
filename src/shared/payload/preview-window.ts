import type { PayloadPart } from './compose';

/** The preview shows this many bytes from the start, and a tail when there is more. */
export const PREVIEW_HEAD_BYTES = 1024;
export const PREVIEW_TAIL_BYTES = 256;

/**
 * What a preview draws of a payload: the length, the first bytes, the last
 * bytes when it is longer than the head (a checksum sits at the end), and
 * the parts. Composed in the renderer or (with files) in main, it comes
 * down to this, so a 64 MiB payload is never drawn or sent across whole.
 */
export interface PreviewWindow {
  length: number;
  head: Uint8Array;
  /** Offset of `tail[0]` in the payload. */
  tailOffset: number;
  tail: Uint8Array;
  parts: PayloadPart[];
  /** Where placeholder values landed (byte offsets, end exclusive), to mark them. */
  placeholders: Array<{ start: number; end: number }>;
}

export function previewWindow(
  bytes: Uint8Array,
  parts: PayloadPart[],
  spans: ReadonlyArray<{ start: number; end: number }> = [],
): PreviewWindow {
  const placeholders = spans.map(({ start, end }) => ({ start, end }));
  if (bytes.length <= PREVIEW_HEAD_BYTES + PREVIEW_TAIL_BYTES) {
    return {
      length: bytes.length,
      head: bytes,
      tailOffset: bytes.length,
      tail: new Uint8Array(0),
      parts,
      placeholders,
    };
  }
  // The tail starts on a 16-byte row so its offsets line up with the head's.
  const tailOffset = Math.floor((bytes.length - PREVIEW_TAIL_BYTES) / 16) * 16;
  return {
    length: bytes.length,
    head: bytes.slice(0, PREVIEW_HEAD_BYTES),
    tailOffset,
    tail: bytes.slice(tailOffset),
    parts,
    placeholders,
  };
}
