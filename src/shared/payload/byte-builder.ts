/**
 * A growable byte array. Parsers emit one byte at a time and payloads can be
 * megabytes, so doubling a Uint8Array beats an array of numbers (8x smaller).
 */
export class ByteBuilder {
  private buf: Uint8Array;
  private len = 0;

  constructor(capacity = 64) {
    this.buf = new Uint8Array(Math.max(1, capacity));
  }

  get length(): number {
    return this.len;
  }

  push(byte: number): void {
    if (this.len === this.buf.length) this.grow(this.len + 1);
    this.buf[this.len++] = byte;
  }

  append(bytes: Uint8Array): void {
    if (this.len + bytes.length > this.buf.length) this.grow(this.len + bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  /** A copy of exactly the bytes written, so later pushes never alias it. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  private grow(min: number): void {
    const next = new Uint8Array(Math.max(min, this.buf.length * 2));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
}

/** Joins byte arrays into one new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
