import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { scanKernel, type KernelJob } from '../../../src/main/engine/capture/search-kernel';
import { SearchWorker } from '../../../src/main/engine/capture/search-worker';
import { rejectedEnglish } from '../../helpers/english';

/**
 * The worker's scanner against the obvious search over the concatenated
 * bytes: pieces of a few shared buffers, some touching in memory (searched
 * as one region), some not (joined at a seam), some starting a new stream.
 * Every match is found once, across any piece boundary but never across a
 * break (stream mode) or a group boundary (rows mode).
 */
interface Piece {
  bytes: number[];
  /** Laid right after the previous piece in the same buffer (one region). */
  touching: boolean;
  brk: boolean;
  newGroup: boolean;
}

const alphabet = fc.constantFrom(0x61, 0x62, 0x63, 0x00, 0xff);
const pieceArb = fc.record({
  bytes: fc.array(alphabet, { minLength: 1, maxLength: 12 }),
  touching: fc.boolean(),
  brk: fc.boolean(),
  newGroup: fc.boolean(),
});

/** Lays the pieces into two shared buffers and describes them as a job. */
function layOut(pieces: Piece[], mode: 'stream' | 'rows') {
  const buffers = [new SharedArrayBuffer(4096), new SharedArrayBuffer(4096)];
  const fill = [0, 0];
  const segs: number[] = [];
  let buf = 0;
  let group = -1;
  let groupOffset = 0;
  pieces.forEach((p, i) => {
    if (!p.touching || i === 0) {
      buf = 1 - buf;
      fill[buf]! += 3; // a gap, so this piece does not touch the one before
    }
    const at = fill[buf]!;
    new Uint8Array(buffers[buf]!).set(p.bytes, at);
    fill[buf] = at + p.bytes.length;
    const brk = i === 0 || (mode === 'stream' ? p.brk : false);
    if (i === 0 || (mode === 'stream' ? brk || p.newGroup : p.newGroup)) {
      group++;
      groupOffset = 0;
    }
    segs.push(buf, at, p.bytes.length, group, groupOffset, brk ? 1 : 0);
    groupOffset += p.bytes.length;
  });
  // Rows mode: each group is a row, a stretch of the virtual stream.
  const rows: number[] = [];
  let virtual = 0;
  for (let s = 0; s < segs.length; s += 6) {
    const g = segs[s + 3]!;
    if (rows.length === 0 || rows[rows.length - 1] !== g) rows.push(virtual, 0, g);
    rows[rows.length - 2]! += segs[s + 2]!;
    virtual += segs[s + 2]!;
  }
  return {
    buffers,
    segs: Float64Array.from(segs),
    rows: mode === 'rows' ? Float64Array.from(rows) : null,
  };
}

/** The obvious answer: search each stream (or group) alone. */
function naive(pieces: Piece[], mode: 'stream' | 'rows', needle: number[], firstOnly: boolean) {
  const spans: Array<{ bytes: number[]; owners: Array<[number, number]> }> = [];
  let group = -1;
  let groupOffset = 0;
  pieces.forEach((p, i) => {
    const brk = i === 0 || (mode === 'stream' ? p.brk : false);
    const newGroup = i === 0 || (mode === 'stream' ? brk || p.newGroup : p.newGroup);
    if (newGroup) {
      group++;
      groupOffset = 0;
    }
    if (i === 0 || (mode === 'stream' ? brk : newGroup)) spans.push({ bytes: [], owners: [] });
    const span = spans[spans.length - 1]!;
    p.bytes.forEach((b, k) => {
      span.bytes.push(b);
      span.owners.push([group, groupOffset + k]);
    });
    groupOffset += p.bytes.length;
  });
  const out: number[] = [];
  const seen = new Set<number>();
  for (const s of spans) {
    for (let i = 0; i + needle.length <= s.bytes.length; i++) {
      if (!needle.every((b, k) => s.bytes[i + k] === b)) continue;
      const [g, off] = s.owners[i]!;
      if (firstOnly && seen.has(g)) continue;
      seen.add(g);
      out.push(g, off, needle.length);
    }
  }
  return out;
}

const worker = new SearchWorker();
afterAll(() => worker.dispose());

describe('the search kernel', () => {
  const kernel = scanKernel();
  const job = (
    fields: Partial<KernelJob> & Pick<KernelJob, 'buffers' | 'segs' | 'mode'>,
  ): KernelJob => ({
    id: 1,
    needle: null,
    regex: null,
    firstOnly: false,
    maxMatches: 1_000_000,
    regexScanBytes: 1 << 20,
    rows: null,
    ...fields,
  });

  it('finds every match once, across pieces, never across a break (stream mode)', () => {
    fc.assert(
      fc.property(
        fc.array(pieceArb, { minLength: 1, maxLength: 30 }),
        fc.array(alphabet, { minLength: 1, maxLength: 5 }),
        (pieces, needle) => {
          const { buffers, segs } = layOut(pieces, 'stream');
          const r = kernel.scan(
            job({ mode: 'stream', buffers, segs, needle: Uint8Array.from(needle) }),
          );
          expect([...r.matches]).toEqual(naive(pieces, 'stream', needle, false));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds whether each group matches, within the group only (rows mode)', () => {
    fc.assert(
      fc.property(
        fc.array(pieceArb, { minLength: 1, maxLength: 30 }),
        fc.array(alphabet, { minLength: 1, maxLength: 4 }),
        (pieces, needle) => {
          const { buffers, segs, rows } = layOut(pieces, 'rows');
          const r = kernel.scan(
            job({
              mode: 'rows',
              buffers,
              segs,
              rows,
              needle: Uint8Array.from(needle),
              firstOnly: true,
            }),
          );
          expect([...r.matches]).toEqual(naive(pieces, 'rows', needle, true));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('runs a regular expression over each group’s bytes read as Latin-1', () => {
    const pieces: Piece[] = [
      { bytes: [...Buffer.from('id=12;')], touching: true, brk: false, newGroup: true },
      { bytes: [...Buffer.from('id=7')], touching: true, brk: false, newGroup: false },
      { bytes: [0xff, ...Buffer.from('id=345')], touching: false, brk: false, newGroup: true },
    ];
    const { buffers, segs, rows } = layOut(pieces, 'rows');
    const r = kernel.scan(
      job({ mode: 'rows', buffers, segs, rows, regex: { source: 'id=\\d+', flags: '' } }),
    );
    expect([...r.matches]).toEqual([0, 0, 5, 0, 6, 4, 1, 1, 6]);
  });

  it('stops at maxMatches and says so', () => {
    const pieces: Piece[] = [
      { bytes: Array(50).fill(0x61), touching: true, brk: false, newGroup: true },
    ];
    const { buffers, segs } = layOut(pieces, 'stream');
    const r = kernel.scan(
      job({ mode: 'stream', buffers, segs, needle: Uint8Array.of(0x61), maxMatches: 10 }),
    );
    expect(r.matches.length / 3).toBe(10);
    expect(r.truncated).toBe(true);
  });

  it('runs in a worker thread over shared memory, and a throwing job fails alone', async () => {
    const pieces: Piece[] = [
      { bytes: [...Buffer.from('xxNEEDLExx')], touching: true, brk: false, newGroup: true },
    ];
    const { buffers, segs } = layOut(pieces, 'stream');
    const fields = {
      mode: 'stream' as const,
      buffers,
      segs,
      rows: null,
      firstOnly: false,
      maxMatches: 10,
      regexScanBytes: 1024,
    };
    const found = await worker.run({ ...fields, needle: Buffer.from('NEEDLE'), regex: null });
    expect([...found.matches]).toEqual([0, 2, 6]);
    expect(
      await rejectedEnglish(
        worker.run({ ...fields, needle: null, regex: { source: '(', flags: '' } }),
      ),
    ).toMatch(/regular expression/i);
    const again = await worker.run({ ...fields, needle: Buffer.from('xx'), regex: null });
    expect([...again.matches]).toEqual([0, 0, 2, 0, 8, 2]);
  });
});
