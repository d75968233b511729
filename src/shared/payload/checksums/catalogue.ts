import { makeCrc, type CrcParams } from './crc';
import { lrc8, sum16, sum8, xor8 } from './sums';

/**
 * Every checksum the editor can append. The CRC parameters and check values
 * are from the reveng CRC catalogue; `check` is the value over the ASCII
 * bytes of "123456789" and doubles as a self-test.
 */
export const CHECKSUM_IDS = [
  'crc8',
  'crc16-modbus',
  'crc16-ccitt-false',
  'crc16-xmodem',
  'crc16-kermit',
  'crc32',
  'crc32c',
  'xor',
  'sum8',
  'sum16',
  'lrc',
] as const;

export type ChecksumId = (typeof CHECKSUM_IDS)[number];

/** 'be': most significant byte first on the wire; 'le': least significant first. */
export type ByteOrder = 'be' | 'le';

export interface ChecksumAlgorithm {
  id: ChecksumId;
  label: string;
  /** Width in bytes (1, 2 or 4). */
  width: number;
  /** The order devices using it expect; the user can override it. */
  defaultOrder: ByteOrder;
  check: number;
  compute: (bytes: Uint8Array) => number;
  /** reveng parameters, for the CRCs. */
  params?: CrcParams;
}

function crc(
  id: ChecksumId,
  label: string,
  params: CrcParams,
  check: number,
  defaultOrder: ByteOrder = 'be',
): ChecksumAlgorithm {
  return {
    id,
    label,
    width: params.width / 8,
    defaultOrder,
    check,
    compute: makeCrc(params),
    params,
  };
}

function sum(
  id: ChecksumId,
  label: string,
  width: number,
  check: number,
  compute: (bytes: Uint8Array) => number,
): ChecksumAlgorithm {
  return { id, label, width, defaultOrder: 'be', check, compute };
}

/** The algorithms in the order the UI lists them. */
export const CHECKSUMS: readonly ChecksumAlgorithm[] = [
  // reveng calls this CRC-8/SMBUS; it is what "CRC-8" means when nothing else is said.
  crc('crc8', 'CRC-8 (SMBus)', p(8, 0x07, 0x00, false, false, 0x00), 0xf4),
  // Modbus RTU sends the CRC low byte first, unlike the rest of its big-endian frame.
  crc('crc16-modbus', 'CRC-16/MODBUS', p(16, 0x8005, 0xffff, true, true, 0), 0x4b37, 'le'),
  // reveng's current name is CRC-16/IBM-3740; CCITT-FALSE is what tools call it.
  crc('crc16-ccitt-false', 'CRC-16/CCITT-FALSE', p(16, 0x1021, 0xffff, false, false, 0), 0x29b1),
  crc('crc16-xmodem', 'CRC-16/XMODEM', p(16, 0x1021, 0x0000, false, false, 0), 0x31c3),
  crc('crc16-kermit', 'CRC-16/KERMIT', p(16, 0x1021, 0x0000, true, true, 0), 0x2189),
  crc('crc32', 'CRC-32', p(32, 0x04c11db7, 0xffffffff, true, true, 0xffffffff), 0xcbf43926),
  crc('crc32c', 'CRC-32C', p(32, 0x1edc6f41, 0xffffffff, true, true, 0xffffffff), 0xe3069283),
  sum('xor', 'XOR (BCC)', 1, 0x31, xor8),
  sum('sum8', 'SUM-8', 1, 0xdd, sum8),
  sum('sum16', 'SUM-16', 2, 0x01dd, sum16),
  sum('lrc', 'LRC (Modbus ASCII)', 1, 0x23, lrc8),
];

function p(
  width: number,
  poly: number,
  init: number,
  refin: boolean,
  refout: boolean,
  xorout: number,
): CrcParams {
  return { width, poly, init, refin, refout, xorout };
}

const BY_ID = new Map(CHECKSUMS.map((a) => [a.id, a]));

export function getChecksum(id: ChecksumId): ChecksumAlgorithm {
  const a = BY_ID.get(id);
  if (!a) throw new RangeError(`unknown checksum '${id}'`);
  return a;
}

/** The checksum of `bytes` as a number. */
export function computeChecksum(id: ChecksumId, bytes: Uint8Array): number {
  return getChecksum(id).compute(bytes);
}

/** The checksum as the bytes to put on the wire, in the given (or the algorithm's) order. */
export function checksumBytes(id: ChecksumId, bytes: Uint8Array, order?: ByteOrder): Uint8Array {
  const a = getChecksum(id);
  return numberToBytes(a.compute(bytes), a.width, order ?? a.defaultOrder);
}

/** `value` as `width` bytes in the given order. */
export function numberToBytes(value: number, width: number, order: ByteOrder): Uint8Array {
  const out = new Uint8Array(width);
  for (let k = 0; k < width; k++) {
    const byte = Math.floor(value / 2 ** (8 * k)) & 0xff; // no 32-bit sign trouble
    out[order === 'le' ? k : width - 1 - k] = byte;
  }
  return out;
}
