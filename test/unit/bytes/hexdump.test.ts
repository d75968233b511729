import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  asciiPreview,
  hexColumnAt,
  hexColumnSpan,
  hexdump,
  hexdumpBlocks,
  hexdumpRow,
  hexdumpRowCount,
  hexdumpRows,
  hexPreview,
} from '../../../src/shared/bytes/hexdump';

/** The real tool is the reference: `hexdump -C` from bsdextrautils. */
function realHexdump(bytes: Uint8Array, squeeze = false): string {
  const args = squeeze ? ['-C'] : ['-C', '-v'];
  return execFileSync('hexdump', args, { input: bytes, encoding: 'latin1' });
}

const enc = new TextEncoder();

describe('hexdump', () => {
  it('matches the example line of hexdump -C', () => {
    const bytes = enc.encode('Hello\n\x00\x01\x02\x03');
    const all = new Uint8Array([...bytes, 0xff, ...enc.encode('ABCDEF')]);
    expect(hexdump(all)).toBe(
      '00000000  48 65 6c 6c 6f 0a 00 01  02 03 ff 41 42 43 44 45  |Hello......ABCDE|\n' +
        '00000010  46                                                |F|\n' +
        '00000011\n',
    );
  });

  it('equals hexdump -C -v for every length from 0 to 40 and all 256 byte values', () => {
    for (let n = 0; n <= 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
      expect(hexdump(bytes)).toBe(realHexdump(bytes));
    }
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(hexdump(every)).toBe(realHexdump(every));
  });

  it('equals hexdump -C (squeezing repeated lines with *) when asked to squeeze', () => {
    const bytes = new Uint8Array(16 * 10 + 5);
    bytes.fill(0x41, 16 * 6);
    expect(hexdump(bytes, { squeeze: true })).toBe(realHexdump(bytes, true));
    expect(hexdump(new Uint8Array(64), { squeeze: true })).toBe(
      realHexdump(new Uint8Array(64), true),
    );
  });

  it('equals hexdump -C on random data (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, squeeze) => {
        expect(hexdump(bytes, { squeeze })).toBe(realHexdump(bytes, squeeze));
      }),
      { numRuns: 60 },
    );
  });

  it('spans several blocks for large input and still equals the real tool', () => {
    const bytes = Uint8Array.from({ length: 16 * 4096 * 2 + 7 }, (_, i) => (i * 7) & 0xff);
    const blocks = [...hexdumpBlocks(bytes)];
    expect(blocks.length).toBeGreaterThan(2);
    expect(blocks.join('')).toBe(realHexdump(bytes));
  });

  it('prints a starting offset, wide offsets and upper case on request', () => {
    const bytes = enc.encode('AB');
    expect(hexdump(bytes, { offset: 0x20 })).toBe(
      '00000020  41 42                                             |AB|\n00000022\n',
    );
    expect(hexdump(bytes, { offset: 0x1_0000_0000 }).split('\n')[0]).toMatch(
      /^100000000 {2}41 42 /,
    );
    expect(hexdump(new Uint8Array([0xab]), { uppercase: true })).toMatch(/^00000000 {2}AB /);
  });

  it('groups by 8 for other widths', () => {
    const bytes = Uint8Array.from({ length: 10 }, (_, i) => i);
    expect(hexdump(bytes, { bytesPerLine: 8 })).toBe(
      '00000000  00 01 02 03 04 05 06 07  |........|\n' +
        '00000008  08 09                    |..|\n' +
        '0000000a\n',
    );
    expect(() => hexdump(bytes, { bytesPerLine: 0 })).toThrow(/Bytes per line/);
  });
});

describe('hexdump rows', () => {
  it('builds the same columns as the text dump', () => {
    const bytes = Uint8Array.from({ length: 37 }, (_, i) => (i * 29 + 3) & 0xff);
    const lines = hexdump(bytes).split('\n');
    const rows = hexdumpRows(bytes, { offset: 0 });
    expect(rows.length).toBe(hexdumpRowCount(37));
    rows.forEach((row, i) => {
      const line = lines[i]!;
      expect(line.slice(0, 8)).toBe(row.offset.toString(16).padStart(8, '0'));
      expect(line.slice(10, 10 + row.hex.length)).toBe(row.hex);
      expect(line.slice(line.indexOf('|') + 1, -1)).toBe(row.ascii);
    });
    expect(hexdumpRow(bytes, 2, { offset: 100 }).offset).toBe(132);
  });

  it('maps byte columns to hex text positions and back', () => {
    const row = hexdumpRow(
      Uint8Array.from({ length: 16 }, (_, i) => i * 16 + i),
      0,
    );
    for (let col = 0; col < 16; col++) {
      const { start, end } = hexColumnSpan(col);
      expect(row.hex.slice(start, end)).toBe((col * 17).toString(16).padStart(2, '0'));
      expect(hexColumnAt(start)).toBe(col);
      expect(hexColumnAt(start + 1)).toBe(col);
    }
  });
});

describe('previews', () => {
  it('shortens hex and text for table cells', () => {
    const bytes = enc.encode('Hello, world');
    expect(hexPreview(bytes, 3)).toBe('48 65 6C …');
    expect(hexPreview(bytes.subarray(0, 2), 3)).toBe('48 65');
    expect(hexPreview(new Uint8Array(0))).toBe('');
    expect(asciiPreview(new Uint8Array([0x41, 0x00, 0x0a, 0xff, 0x42]))).toBe('A...B');
    expect(asciiPreview(bytes, 5)).toBe('Hello…');
  });
});
