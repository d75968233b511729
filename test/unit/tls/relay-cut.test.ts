import { describe, expect, it } from 'vitest';
import { pieceBounds, pieceCount, pieces } from '../../../src/main/engine/relay/relay-cut';
import { NO_DISTURBANCE } from '../../../src/shared/contract';

const cut = (data: Buffer, d: typeof NO_DISTURBANCE): Buffer[] => [...pieces(data, d)];

describe('cut: how a relay splits one write', () => {
  const data = Buffer.from('0123456789');
  it('leaves a write whole, or cuts it into N nearly equal pieces, or into single bytes', () => {
    expect(cut(data, NO_DISTURBANCE).map(String)).toEqual(['0123456789']);
    expect(cut(data, { ...NO_DISTURBANCE, split: 'pieces', pieces: 3 }).map(String)).toEqual([
      '012',
      '345',
      '6789',
    ]);
    expect(cut(data, { ...NO_DISTURBANCE, split: 'bytes' }).map(String)).toEqual([...'0123456789']);
  });
  it('never makes empty pieces, and keeps every byte in order', () => {
    const short = Buffer.from('ab');
    expect(cut(short, { ...NO_DISTURBANCE, split: 'pieces', pieces: 8 }).map(String)).toEqual([
      'a',
      'b',
    ]);
    for (let n = 2; n < 40; n++) {
      const split = cut(data, { ...NO_DISTURBANCE, split: 'pieces', pieces: n });
      expect(split.every((p) => p.length > 0)).toBe(true);
      expect(Buffer.concat(split).equals(data)).toBe(true);
    }
  });
  it('cuts single bytes from a cursor: views of the write, made one at a time', () => {
    const big = Buffer.alloc(1 << 20, 7);
    const d = { ...NO_DISTURBANCE, split: 'bytes' as const };
    expect(pieceCount(big.length, d)).toBe(1 << 20);
    expect(pieceBounds(big.length, big.length, 12345)).toEqual([12345, 12346]);
    const it = pieces(big, d);
    const first = it.next().value as Buffer;
    // A view into the write's own memory, not a copy.
    expect(first.buffer).toBe(big.buffer);
    expect(first.byteOffset).toBe(big.byteOffset);
    let count = 1;
    for (const piece of it) {
      if (piece.length !== 1) throw new Error(`piece ${count} is ${piece.length} bytes`);
      count++;
    }
    expect(count).toBe(1 << 20);
  });
});
