/**
 * A table-driven CRC in the Rocksoft/reveng parameter model, so every
 * algorithm is one line of parameters that can be read against the reveng
 * catalogue (https://reveng.sourceforge.io/crc-catalogue/) instead of a
 * hand-unrolled loop per variant. Widths 8 to 32; JavaScript's 32-bit
 * integer operators do the work, and `>>> 0` keeps results unsigned.
 */
export interface CrcParams {
  width: number;
  poly: number;
  init: number;
  refin: boolean;
  refout: boolean;
  xorout: number;
}

/** Reverses the low `width` bits of `value`. */
export function reflectBits(value: number, width: number): number {
  let r = 0;
  for (let i = 0; i < width; i++) {
    r = (r << 1) | ((value >>> i) & 1);
  }
  return r >>> 0;
}

function maskOf(width: number): number {
  return width === 32 ? 0xffffffff : (1 << width) - 1;
}

/**
 * A reflected-input CRC shifts right through a table of reflected
 * polynomial remainders; a normal one shifts left with the top byte as the
 * index. Building the table to match saves reflecting every input byte.
 */
function buildTable(p: CrcParams): Uint32Array {
  const table = new Uint32Array(256);
  const mask = maskOf(p.width);
  if (p.refin) {
    const poly = reflectBits(p.poly, p.width);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
      table[n] = c >>> 0;
    }
  } else {
    const top = 2 ** (p.width - 1);
    for (let n = 0; n < 256; n++) {
      let c = (n << (p.width - 8)) >>> 0;
      for (let k = 0; k < 8; k++) c = (c & top ? (c << 1) ^ p.poly : c << 1) & mask;
      table[n] = c >>> 0;
    }
  }
  return table;
}

/** A CRC function for the given parameters; the table is built once. */
export function makeCrc(p: CrcParams): (bytes: Uint8Array) => number {
  if (p.width < 8 || p.width > 32) throw new RangeError(`CRC width ${p.width} is not 8–32`);
  const table = buildTable(p);
  const mask = maskOf(p.width);
  const shift = p.width - 8;
  return (bytes) => {
    let crc = (p.refin ? reflectBits(p.init, p.width) : p.init) >>> 0;
    if (p.refin) {
      for (const b of bytes) crc = ((table[(crc ^ b) & 0xff] as number) ^ (crc >>> 8)) >>> 0;
    } else {
      for (const b of bytes) {
        const index = ((crc >>> shift) ^ b) & 0xff;
        crc = ((table[index] as number) ^ (crc << 8)) & mask;
      }
    }
    // The register holds the CRC reflected iff the input was; refout says how it leaves.
    if (p.refin !== p.refout) crc = reflectBits(crc, p.width);
    return ((crc ^ p.xorout) & mask) >>> 0;
  };
}
