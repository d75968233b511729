import { describe, expect, it } from 'vitest';
import {
  CHECKSUMS,
  CHECKSUM_IDS,
  checksumBytes,
  computeChecksum,
  getChecksum,
  numberToBytes,
  type ChecksumId,
} from '../../../src/shared/payload/checksums/catalogue';
import { makeCrc, reflectBits } from '../../../src/shared/payload/checksums/crc';
import { ascii, hex, toHex } from './bytes';

const CHECK = ascii('123456789');
const ALPHANUM = ascii('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ');

describe('checksum catalogue', () => {
  // Check values of "123456789" from the reveng CRC catalogue
  // (https://reveng.sourceforge.io/crc-catalogue/), and for the sums computed
  // from their definitions (0x31 ^ … ^ 0x39 = 0x31; 0x31 + … + 0x39 = 0x1DD).
  const catalogue: Array<[ChecksumId, number]> = [
    ['crc8', 0xf4],
    ['crc16-modbus', 0x4b37],
    ['crc16-ccitt-false', 0x29b1],
    ['crc16-xmodem', 0x31c3],
    ['crc16-kermit', 0x2189],
    ['crc32', 0xcbf43926],
    ['crc32c', 0xe3069283],
    ['xor', 0x31],
    ['sum8', 0xdd],
    ['sum16', 0x01dd],
    ['lrc', 0x23],
  ];

  it.each(catalogue)('%s of "123456789" is the catalogue check value', (id, check) => {
    expect(computeChecksum(id, CHECK)).toBe(check);
    expect(getChecksum(id).check).toBe(check);
  });

  it('lists every id exactly once, each with a label and a width', () => {
    expect(CHECKSUMS.map((a) => a.id)).toEqual([...CHECKSUM_IDS]);
    for (const a of CHECKSUMS) {
      expect(a.label.length).toBeGreaterThan(0);
      expect([1, 2, 4]).toContain(a.width);
      expect(a.compute(CHECK)).toBe(a.check); // the catalogue's own self-test
    }
  });

  it('has Modbus little-endian on the wire and the rest big-endian by default', () => {
    for (const a of CHECKSUMS) expect(a.defaultOrder).toBe(a.id === 'crc16-modbus' ? 'le' : 'be');
  });
});

describe('second published vectors', () => {
  it('CRC-8/SMBUS of "abc" is 0x5F', () => {
    // SMBus PEC test vectors checked against smbus.org's calculator:
    // http://blog.wazo.community/test-vectors-for-smbus-packet-error-checking-pec-crc-8.html
    expect(computeChecksum('crc8', ascii('abc'))).toBe(0x5f);
  });

  it('CRC-16/MODBUS of the read-holding-registers frame 01 03 00 00 00 0A is C5 CD on the wire', () => {
    // The classic Modbus RTU request (slave 1, FC 3, address 0, 10 registers),
    // as sent by every Modbus master: 01 03 00 00 00 0A C5 CD.
    const frame = hex('01 03 00 00 00 0A');
    expect(computeChecksum('crc16-modbus', frame)).toBe(0xcdc5);
    expect(toHex(checksumBytes('crc16-modbus', frame))).toBe('C5 CD');
    expect(toHex(checksumBytes('crc16-modbus', frame, 'be'))).toBe('CD C5');
  });

  // "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ" vectors from the test suite of
  // Medo.IO.Hashing (medo64), an implementation independent of this one.
  it.each<[ChecksumId, number]>([
    ['crc16-modbus', 0x07cc],
    ['crc16-ccitt-false', 0xdf2e],
    ['crc16-xmodem', 0x5e1b],
    ['crc16-kermit', 0x9839],
  ])('%s of the alphanumerics matches Medo.IO.Hashing', (id, value) => {
    expect(computeChecksum(id, ALPHANUM)).toBe(value);
  });

  it('CRC-16/XMODEM and CCITT-FALSE of "A" match the classic CRC-CCITT table', () => {
    // Joe Geluso's "CRC-CCITT -- 16-bit" page (srecord) and Python's
    // binascii.crc_hqx: "A" gives 0x58E5 with init 0 and 0xB915 with init 0xFFFF.
    expect(computeChecksum('crc16-xmodem', ascii('A'))).toBe(0x58e5);
    expect(computeChecksum('crc16-ccitt-false', ascii('A'))).toBe(0xb915);
  });

  it('CRC-32 of the quick brown fox is 0x414FA339', () => {
    // The well-known zlib/PKZIP CRC-32 vector (also Python's zlib.crc32).
    const fox = ascii('The quick brown fox jumps over the lazy dog');
    expect(computeChecksum('crc32', fox)).toBe(0x414fa339);
  });

  it('CRC-32C matches the RFC 3720 (iSCSI) appendix B.4 vectors', () => {
    const ascending = Uint8Array.from({ length: 32 }, (_, i) => i);
    const descending = Uint8Array.from({ length: 32 }, (_, i) => 31 - i);
    expect(computeChecksum('crc32c', new Uint8Array(32))).toBe(0x8a9136aa);
    expect(computeChecksum('crc32c', new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(computeChecksum('crc32c', ascending)).toBe(0x46dd794e);
    expect(computeChecksum('crc32c', descending)).toBe(0x113fdb5c);
    // RFC 3720 lists the zero vector's CRC as the bytes aa 36 91 8a, i.e. little-endian.
    expect(toHex(checksumBytes('crc32c', new Uint8Array(32), 'le'))).toBe('AA 36 91 8A');
  });

  it('XOR is the NMEA 0183 checksum of a real GGA sentence (*76)', () => {
    // The example sentence of Wikipedia's NMEA 0183 article; the XOR covers
    // the characters between '$' and '*'.
    const gga = ascii('GPGGA,092750.000,5321.6802,N,00630.3372,W,1,8,1.03,61.7,M,55.2,M,,');
    expect(computeChecksum('xor', gga)).toBe(0x76);
  });

  it('LRC and SUM-8 match an Intel HEX record (:0300300002337A1E)', () => {
    // Intel HEX's record checksum is the two's complement of the byte sum,
    // exactly the Modbus ASCII LRC; this record is Wikipedia's example.
    const record = hex('03 00 30 00 02 33 7A');
    expect(computeChecksum('lrc', record)).toBe(0x1e);
    expect(computeChecksum('sum8', record)).toBe(0xe2);
    expect(computeChecksum('sum16', record)).toBe(0x00e2);
  });

  it('LRC of a Modbus ASCII request makes the frame sum to zero', () => {
    // MODBUS over Serial Line v1.02 §6.2.1: LRC = two's complement of the 8-bit sum.
    // ":01030000000AF2" is the ASCII form of the RTU frame above.
    const frame = hex('01 03 00 00 00 0A');
    expect(computeChecksum('lrc', frame)).toBe(0xf2);
    const sum = [...frame, 0xf2].reduce((a, b) => a + b, 0);
    expect(sum & 0xff).toBe(0);
  });

  it('SUM-16 wraps at 65536 and SUM-8 at 256', () => {
    const ff = new Uint8Array(300).fill(0xff);
    expect(computeChecksum('sum16', ff)).toBe((300 * 255) % 65536);
    expect(computeChecksum('sum8', ff)).toBe((300 * 255) % 256);
  });
});

describe('byte order and the generic CRC', () => {
  it('writes a 32-bit value in either order without sign trouble', () => {
    expect(toHex(numberToBytes(0xcbf43926, 4, 'be'))).toBe('CB F4 39 26');
    expect(toHex(numberToBytes(0xcbf43926, 4, 'le'))).toBe('26 39 F4 CB');
    expect(toHex(checksumBytes('crc32', CHECK))).toBe('CB F4 39 26');
    expect(toHex(checksumBytes('xor', CHECK, 'le'))).toBe('31');
  });

  it('reflects bits', () => {
    expect(reflectBits(0x01, 8)).toBe(0x80);
    expect(reflectBits(0x8005, 16)).toBe(0xa001);
    expect(reflectBits(0x04c11db7, 32)).toBe(0xedb88320);
  });

  it('handles other reveng models too (CRC-16/ARC, CRC-32/BZIP2, CRC-8/MAXIM-DOW)', () => {
    // Check values from the reveng catalogue: refin without refout, and widths in between.
    expect(
      makeCrc({ width: 16, poly: 0x8005, init: 0, refin: true, refout: true, xorout: 0 })(CHECK),
    ).toBe(0xbb3d);
    expect(
      makeCrc({
        width: 32,
        poly: 0x04c11db7,
        init: 0xffffffff,
        refin: false,
        refout: false,
        xorout: 0xffffffff,
      })(CHECK),
    ).toBe(0xfc891918);
    expect(
      makeCrc({ width: 8, poly: 0x31, init: 0, refin: true, refout: true, xorout: 0 })(CHECK),
    ).toBe(0xa1);
    expect(
      makeCrc({
        width: 24,
        poly: 0x864cfb,
        init: 0xb704ce,
        refin: false,
        refout: false,
        xorout: 0,
      })(CHECK),
    ).toBe(0x21cf02);
  });

  it('refuses widths it cannot do', () => {
    expect(() =>
      makeCrc({ width: 4, poly: 3, init: 0, refin: false, refout: false, xorout: 0 }),
    ).toThrow(/width 4/);
  });

  it('gives the empty input its defined value (init ^ xorout)', () => {
    expect(computeChecksum('crc16-modbus', new Uint8Array(0))).toBe(0xffff);
    expect(computeChecksum('crc32', new Uint8Array(0))).toBe(0);
  });
});
