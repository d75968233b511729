/**
 * The simple block checks of serial protocols. They catch far less than a
 * CRC, but devices define them, so they are here exactly as devices do them.
 */

/** XOR of all bytes: the BCC (block check character) of many serial protocols and of NMEA. */
export function xor8(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

/** Sum of all bytes modulo 256. */
export function sum8(bytes: Uint8Array): number {
  let s = 0;
  for (const b of bytes) s = (s + b) & 0xff;
  return s;
}

/** Sum of all bytes modulo 65536 (bytes, not 16-bit words). */
export function sum16(bytes: Uint8Array): number {
  let s = 0;
  for (const b of bytes) s = (s + b) & 0xffff;
  return s;
}

/**
 * Longitudinal redundancy check as Modbus ASCII defines it: the two's
 * complement of the 8-bit sum, so that data plus LRC sums to zero.
 */
export function lrc8(bytes: Uint8Array): number {
  return -sum8(bytes) & 0xff;
}
