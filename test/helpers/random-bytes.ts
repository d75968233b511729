/** A seeded xorshift32: the same "random" numbers in [0, 1) on every run, so a failure can be replayed. */
export function xorshift32(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

/**
 * `n` random bytes that are the same on every run: a seed starts a fresh
 * xorshift32, a generator goes on with its own stream (so a test that also
 * draws sizes from it stays replayable as a whole).
 */
export function randomBytes(n: number, seed: number | (() => number)): Buffer {
  const random = typeof seed === 'number' ? xorshift32(seed) : seed;
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = (random() * 256) | 0;
  return out;
}
