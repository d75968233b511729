import { createHash } from 'node:crypto';

/** The sha256 of bytes, as hex: "the device got exactly these bytes" for big payloads. */
export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `n` seeded pseudo-random bytes (xorshift32, four bytes a step): the same on every run. */
export function seededBytes(seed: number, n: number): Buffer {
  const out = Buffer.alloc(n);
  let state = seed | 0 || 1;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out.writeInt32LE(state, i);
  }
  for (; i < n; i++) out[i] = (state >>> (8 * (i & 3))) & 0xff;
  return out;
}
