import type { Segment } from '../../../src/shared/payload/segments';

/** Test helpers: bytes from "01 02 0A" and back, for readable expectations. */
export function hex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, '');
  return Uint8Array.from(digits.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** Parsed segments as they read: each run of bytes in hex, each placeholder as written. */
export function segmentsShown(segments: Segment[]): string[] {
  return segments.map((s) => (s.kind === 'bytes' ? toHex(s.bytes) : s.token.text));
}
