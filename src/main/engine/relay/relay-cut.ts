import type { Disturbance } from '../../../shared/contract';

/**
 * How a disturbance cuts one write (TCP) or one datagram (UDP). Pieces are
 * described by their bounds and made one at a time, when they leave: a
 * split into single bytes of a 1 MiB write never holds a million buffers.
 */
export type Cut = Pick<Disturbance, 'split' | 'pieces'>;

/** How many pieces a write of `length` bytes leaves as (0 for an empty write split into bytes). */
export function pieceCount(length: number, d: Cut): number {
  if (d.split === 'bytes') return length;
  if (d.split === 'pieces' && length > 1) return Math.min(d.pieces, length);
  return 1;
}

/** Where piece `i` of `count` starts and ends in a write of `length` bytes (end exclusive). */
export function pieceBounds(length: number, count: number, i: number): [number, number] {
  if (count === length) return [i, i + 1];
  return [Math.floor((i * length) / count), Math.floor(((i + 1) * length) / count)];
}

/** The pieces of `data`, each a view made only when it is asked for. */
export function* pieces(data: Buffer, d: Cut): Generator<Buffer> {
  const count = pieceCount(data.length, d);
  for (let i = 0; i < count; i++) {
    const [start, end] = pieceBounds(data.length, count, i);
    yield data.subarray(start, end);
  }
}
