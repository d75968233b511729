import { describe, expect, it } from 'vitest';
import { cut } from '../../../src/main/engine/relay/relay-pipe';
import { NO_DISTURBANCE } from '../../../src/shared/contract';

describe('cut: how a relay splits one write', () => {
  const data = Buffer.from('0123456789');
  it('leaves a write whole, or cuts it into N nearly equal pieces, or into single bytes', () => {
    expect(cut(data, NO_DISTURBANCE).map(String)).toEqual(['0123456789']);
    expect(cut(data, { ...NO_DISTURBANCE, split: 'pieces', pieces: 3 }).map(String)).toEqual([
      '012',
      '345',
      '6789',
    ]);
    expect(cut(data, { ...NO_DISTURBANCE, split: 'bytes' })).toHaveLength(10);
  });
  it('never makes empty pieces, and keeps every byte in order', () => {
    const short = Buffer.from('ab');
    expect(cut(short, { ...NO_DISTURBANCE, split: 'pieces', pieces: 8 }).map(String)).toEqual([
      'a',
      'b',
    ]);
    for (let n = 2; n < 40; n++) {
      const pieces = cut(data, { ...NO_DISTURBANCE, split: 'pieces', pieces: n });
      expect(pieces.every((p) => p.length > 0)).toBe(true);
      expect(Buffer.concat(pieces).equals(data)).toBe(true);
    }
  });
});
