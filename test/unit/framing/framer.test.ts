import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createFramer, type Frame } from '../../../src/shared/framing/framer';
import type { FramingSpecInput } from '../../../src/shared/framing/framing-spec';
import { englishOf } from '../../../src/shared/messages/plain-formats';
import { concatBytes } from '../../../src/shared/payload/byte-builder';
import { inEnglish, type English } from '../../helpers/english';

const enc = new TextEncoder();
const text = (s: string) => enc.encode(s);
const cat = (...parts: Uint8Array[]) => concatBytes(parts);

/** Frames as comparable values: bytes as hex, plus the error if any. */
const view = (frames: Array<Frame | English<Frame>>) =>
  frames.map((f) =>
    f.error
      ? { hex: hexOf(f.data), error: typeof f.error === 'string' ? f.error : englishOf(f.error) }
      : { hex: hexOf(f.data) },
  );
const hexOf = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Feeds `chunks` (all at time 0 unless given) and ends the stream. */
function run(spec: FramingSpecInput, chunks: Uint8Array[], end = true): English<Frame[]> {
  const framer = createFramer(spec);
  const frames = chunks.flatMap((c, i) => framer.push(c, i));
  return inEnglish(end ? [...frames, ...framer.end()] : frames);
}

/** Cuts `bytes` at the given offsets. */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [
    0,
    ...cuts.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b),
    bytes.length,
  ];
  return points.slice(1).map((p, i) => bytes.subarray(points[i], p));
}

/**
 * The framing contract: the whole stream in one chunk, every two-way split,
 * one byte per chunk, and with empty chunks mixed in all give the same frames.
 */
function expectSplitInvariant(spec: FramingSpecInput, stream: Uint8Array) {
  const whole = view(run(spec, [stream]));
  for (let cut = 0; cut <= stream.length; cut++) {
    expect(
      view(run(spec, [stream.subarray(0, cut), stream.subarray(cut)])),
      `cut at ${cut}`,
    ).toEqual(whole);
  }
  const bytes = Array.from(stream, (b) => Uint8Array.of(b));
  expect(view(run(spec, bytes))).toEqual(whole);
  expect(
    view(
      run(
        spec,
        bytes.flatMap((b) => [new Uint8Array(0), b]),
      ),
    ),
  ).toEqual(whole);
  return whole;
}

describe('raw framing', () => {
  it('makes each non-empty chunk a message, untouched', () => {
    const a = text('one');
    const frames = run({ mode: 'raw' }, [a, new Uint8Array(0), text('two')]);
    expect(view(frames)).toEqual([{ hex: hexOf(a) }, { hex: hexOf(text('two')) }]);
    expect(frames[0]!.data).toBe(a);
    expect(frames[1]).toMatchObject({ firstTime: 2, lastTime: 2 });
  });
});

describe('delimiter framing', () => {
  const stream = text('AT\r\nOK\r\n\r\nERROR\r\ntail');

  it('cuts at CR LF, keeping the delimiter, whatever the chunking', () => {
    const spec = { mode: 'delimiter', delimiter: '\\r\\n' } as const;
    expect(expectSplitInvariant(spec, stream)).toEqual([
      { hex: hexOf(text('AT\r\n')) },
      { hex: hexOf(text('OK\r\n')) },
      { hex: hexOf(text('\r\n')) },
      { hex: hexOf(text('ERROR\r\n')) },
      { hex: hexOf(text('tail')), error: 'The stream ended with 4 bytes after the last delimiter' },
    ]);
  });

  it('strips the delimiter on request, leaving empty lines as empty messages', () => {
    const spec = {
      mode: 'delimiter',
      delimiter: '0d 0a',
      delimiterFormat: 'hex',
      keepDelimiter: false,
    } as const;
    expect(expectSplitInvariant(spec, stream).map((f) => f.hex)).toEqual(
      ['AT', 'OK', '', 'ERROR', 'tail'].map((s) => hexOf(text(s))),
    );
  });

  it('finds a delimiter split across chunks and times the frame by both', () => {
    const framer = createFramer({ mode: 'delimiter', delimiter: '7E', delimiterFormat: 'hex' });
    expect(framer.push(Uint8Array.of(1, 2), 10)).toEqual([]);
    expect(framer.push(Uint8Array.of(3, 0x7e, 4), 20)).toEqual([
      { data: Uint8Array.of(1, 2, 3, 0x7e), firstTime: 10, lastTime: 20 },
    ]);
    expect(framer.pending()).toBe(1);
    const multi = createFramer({ mode: 'delimiter', delimiter: 'END' });
    expect(multi.push(text('abcE'), 1)).toEqual([]);
    expect(multi.push(text('N'), 2)).toEqual([]);
    expect(multi.push(text('Dx'), 3)).toEqual([
      { data: text('abcEND'), firstTime: 1, lastTime: 3 },
    ]);
  });

  it('cuts at the size limit when no delimiter comes, at the same place for any chunking', () => {
    const spec = { mode: 'delimiter', delimiter: '\\n', maxFrameBytes: 5 } as const;
    const frames = expectSplitInvariant(spec, text('abcdefgh\nab\nabcde\nabcdef\n'));
    expect(frames.map((f) => [f.hex, f.error ?? ''])).toEqual([
      [hexOf(text('abcde')), 'No delimiter within 5 bytes; cut at the size limit'],
      [hexOf(text('fgh\n')), ''],
      [hexOf(text('ab\n')), ''],
      [hexOf(text('abcde\n')), ''],
      [hexOf(text('abcde')), 'No delimiter within 5 bytes; cut at the size limit'],
      [hexOf(text('f\n')), ''],
    ]);
  });

  it('handles self-overlapping delimiters', () => {
    const spec = { mode: 'delimiter', delimiter: 'aab' } as const;
    expect(expectSplitInvariant(spec, text('xaaabyaab')).map((f) => f.hex)).toEqual([
      hexOf(text('xaaab')),
      hexOf(text('yaab')),
    ]);
  });
});

describe('fixed framing', () => {
  it('cuts every N bytes and reports a short tail', () => {
    const stream = Uint8Array.from({ length: 11 }, (_, i) => i);
    expect(expectSplitInvariant({ mode: 'fixed', length: 4 }, stream)).toEqual([
      { hex: '00010203' },
      { hex: '04050607' },
      { hex: '08090a', error: 'The stream ended 3 bytes into a 4-byte frame' },
    ]);
  });
});

interface PrefixConfig {
  offset: number;
  size: 1 | 2 | 4;
  endian: 'big' | 'little';
  includesHeader: boolean;
  adjustment: number;
}

/** Encodes frames the way a device would: `offset` filler bytes, the length field, the body. */
function encodeFrame(body: Uint8Array, c: PrefixConfig): Uint8Array {
  const headerEnd = c.offset + c.size;
  const value = (c.includesHeader ? headerEnd + body.length : body.length) - c.adjustment;
  const field = new Uint8Array(c.size);
  for (let i = 0; i < c.size; i++) {
    const byte = Math.floor(value / 256 ** i) & 0xff;
    field[c.endian === 'big' ? c.size - 1 - i : i] = byte;
  }
  return cat(new Uint8Array(c.offset).fill(0xaa), field, body);
}

describe('length-prefix framing', () => {
  const modbusLike: PrefixConfig = {
    offset: 4,
    size: 2,
    endian: 'big',
    includesHeader: false,
    adjustment: 0,
  };

  it('cuts frames by a big-endian length after a header, at every split', () => {
    const frames = [text('hello'), text(''), text('a longer body of bytes')].map((b) =>
      encodeFrame(b, modbusLike),
    );
    const got = expectSplitInvariant({ mode: 'length-prefix', ...modbusLike }, cat(...frames));
    expect(got).toEqual(frames.map((f) => ({ hex: hexOf(f) })));
  });

  it('reads little-endian 4-byte lengths that count the header, with an adjustment', () => {
    const c: PrefixConfig = {
      offset: 0,
      size: 4,
      endian: 'little',
      includesHeader: true,
      adjustment: 2,
    };
    const frames = [text('abc'), text('defgh')].map((b) => encodeFrame(b, c));
    expect(frames[0]!.subarray(0, 4)).toEqual(Uint8Array.of(5, 0, 0, 0));
    expect(expectSplitInvariant({ mode: 'length-prefix', ...c }, cat(...frames))).toEqual(
      frames.map((f) => ({ hex: hexOf(f) })),
    );
  });

  it('splits a length field across chunks', () => {
    const framer = createFramer({ mode: 'length-prefix', size: 2 });
    expect(framer.push(Uint8Array.of(0), 1)).toEqual([]);
    expect(framer.push(Uint8Array.of(2, 0x41), 2)).toEqual([]);
    expect(framer.pending()).toBe(3);
    expect(framer.push(Uint8Array.of(0x42, 0), 3)).toEqual([
      { data: Uint8Array.of(0, 2, 0x41, 0x42), firstTime: 1, lastTime: 3 },
    ]);
  });

  it('reports an oversize length as one error frame and resyncs at the next plausible header', () => {
    const spec = { mode: 'length-prefix', size: 2, maxFrameBytes: 100 } as const;
    const good = encodeFrame(text('ok'), { ...modbusLike, offset: 0 });
    const stream = cat(good, Uint8Array.of(0xff, 0xff, 0xff), good);
    expect(expectSplitInvariant(spec, stream)).toEqual([
      { hex: hexOf(good) },
      {
        hex: 'ffffff',
        error:
          'The length field says 65535, a 65537-byte frame, over the 100-byte limit; skipped to the next plausible header',
      },
      { hex: hexOf(good) },
    ]);
  });

  it('treats a length shorter than the header as garbage too', () => {
    const spec = {
      mode: 'length-prefix',
      size: 1,
      includesHeader: true,
      maxFrameBytes: 50,
    } as const;
    expect(expectSplitInvariant(spec, Uint8Array.of(0, 0, 2, 9)).map((f) => f.hex)).toEqual([
      '0000',
      '0209',
    ]);
    expect(run(spec, [Uint8Array.of(0)])[0]!.error).toMatch(/shorter than its 1-byte header/);
  });

  it('reports a frame cut short by the end of the stream', () => {
    const frames = run({ mode: 'length-prefix', size: 1 }, [Uint8Array.of(10, 1, 2)]);
    expect(frames).toEqual([
      expect.objectContaining({ error: 'The stream ended 3 bytes into a 11-byte frame' }),
    ]);
  });

  it('is one frame across 200,000 one-byte chunks, in linear time', () => {
    const n = 200_000;
    const framer = createFramer({ mode: 'length-prefix', size: 4 });
    const body = Uint8Array.from({ length: n - 4 }, (_, i) => i & 0xff);
    const stream = encodeFrame(body, {
      offset: 0,
      size: 4,
      endian: 'big',
      includesHeader: false,
      adjustment: 0,
    });
    const frames: Frame[] = [];
    for (let i = 0; i < stream.length; i++)
      frames.push(...framer.push(stream.subarray(i, i + 1), i));
    expect(frames.length).toBe(1);
    expect(frames[0]!.data).toEqual(stream);
    expect(frames[0]).toMatchObject({ firstTime: 0, lastTime: n - 1 });
    expect(framer.pending()).toBe(0);
  });

  it('yields the encoded frames for any configuration and any chunking (property)', () => {
    const config = fc.record({
      offset: fc.integer({ min: 0, max: 3 }),
      size: fc.constantFrom(1 as const, 2 as const, 4 as const),
      endian: fc.constantFrom('big' as const, 'little' as const),
      includesHeader: fc.boolean(),
      adjustment: fc.integer({ min: -3, max: 3 }),
    });
    fc.assert(
      fc.property(
        config,
        fc.array(fc.uint8Array({ minLength: 3, maxLength: 40 }), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (c, bodies, cuts) => {
          // The body must hold at least what a negative adjustment takes away.
          const frames = bodies.map((b) => encodeFrame(b, c));
          const stream = cat(...frames);
          const got = run(
            { mode: 'length-prefix', ...c },
            split(
              stream,
              cuts.map((x) => x % (stream.length + 1)),
            ),
          );
          expect(view(got)).toEqual(frames.map((f) => ({ hex: hexOf(f) })));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('chunking independence for every mode (property)', () => {
  const specs: FramingSpecInput[] = [
    { mode: 'delimiter', delimiter: '\\r\\n' },
    {
      mode: 'delimiter',
      delimiter: '7e7e',
      delimiterFormat: 'hex',
      keepDelimiter: false,
      maxFrameBytes: 7,
    },
    { mode: 'fixed', length: 3 },
    { mode: 'length-prefix', offset: 1, size: 1, maxFrameBytes: 6 },
    { mode: 'idle', gapMs: 10, maxFrameBytes: 9 },
  ];
  it('gives the same frames for arbitrary splits of arbitrary streams', () => {
    const bytes = fc
      .uint8Array({ maxLength: 80 })
      .map((b) => b.map((x) => [0x0d, 0x0a, 0x7e, 1, 2, 0x41][x % 6]!));
    fc.assert(
      fc.property(
        fc.constantFrom(...specs),
        bytes,
        fc.array(fc.nat(), { maxLength: 30 }),
        (spec, stream, cuts) => {
          // One time for every piece: splitting a chunk must not invent idle gaps.
          const framer = createFramer(spec);
          const got = split(
            stream,
            cuts.map((x) => x % (stream.length + 1)),
          ).flatMap((c) => framer.push(c, 0));
          expect(view([...got, ...framer.end()])).toEqual(view(run(spec, [stream])));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('idle framing', () => {
  it('ends a message at a gap seen by the next push, or by flush(now)', () => {
    const framer = createFramer({ mode: 'idle', gapMs: 20 });
    expect(framer.push(text('ab'), 1_000)).toEqual([]);
    expect(framer.push(text('c'), 15_000)).toEqual([]);
    expect(framer.flush(34_999)).toEqual([]);
    expect(framer.flush(35_000)).toEqual([
      { data: text('abc'), firstTime: 1_000, lastTime: 15_000 },
    ]);
    expect(framer.flush(99_000)).toEqual([]);
    expect(framer.push(text('d'), 100_000)).toEqual([]);
    expect(framer.push(text('e'), 200_000)).toEqual([
      { data: text('d'), firstTime: 100_000, lastTime: 100_000 },
    ]);
    expect(framer.pending()).toBe(1);
    expect(framer.end()).toEqual([{ data: text('e'), firstTime: 200_000, lastTime: 200_000 }]);
  });

  it('cuts a flood that never pauses at the size limit', () => {
    const framer = createFramer({ mode: 'idle', gapMs: 5, maxFrameBytes: 4 });
    const frames = framer.push(text('abcdefghij'), 0);
    expect(view(frames).map((f) => f.hex)).toEqual([hexOf(text('abcd')), hexOf(text('efgh'))]);
    expect(view(frames)[0]!.error).toBe('No idle gap within 4 bytes; cut at the size limit');
    expect(framer.pending()).toBe(2);
  });

  it('ignores empty chunks, which carry no bytes and so no activity', () => {
    const framer = createFramer({ mode: 'idle', gapMs: 1 });
    framer.push(text('a'), 0);
    expect(framer.push(new Uint8Array(0), 5_000)).toEqual([]);
    expect(framer.flush(5_000)).toEqual([{ data: text('a'), firstTime: 0, lastTime: 0 }]);
  });
});

/** Every way of cutting `stream` into three pieces (two cut points, at every offset). */
function* everyTwoCuts(stream: Uint8Array): Generator<Uint8Array[]> {
  for (let a = 0; a <= stream.length; a++) {
    for (let b = a; b <= stream.length; b++) {
      yield [stream.subarray(0, a), stream.subarray(a, b), stream.subarray(b)];
    }
  }
}

describe('every mode, every pair of cut points', () => {
  const stream = text('AT\r\nOK\r\n\x00\x03abc\x7e\x7eZ\r\n\x02hi\x7e');
  const specs: FramingSpecInput[] = [
    { mode: 'delimiter', delimiter: '\\r\\n' },
    { mode: 'delimiter', delimiter: '7E 7E', delimiterFormat: 'hex', keepDelimiter: false },
    { mode: 'delimiter', delimiter: '\\n', maxFrameBytes: 4 },
    { mode: 'fixed', length: 5 },
    { mode: 'fixed', length: 1 },
    { mode: 'length-prefix', size: 1 },
    { mode: 'length-prefix', offset: 1, size: 2, endian: 'little', maxFrameBytes: 12 },
    { mode: 'length-prefix', size: 1, includesHeader: true, adjustment: 1, maxFrameBytes: 9 },
    { mode: 'idle', gapMs: 1 },
    { mode: 'idle', gapMs: 1, maxFrameBytes: 6 },
  ];
  for (const spec of specs) {
    it(`${JSON.stringify(spec)} gives the same frames for every three-piece chunking`, () => {
      const whole = view(run(spec, [stream]));
      expect(whole.length).toBeGreaterThan(0);
      let cases = 0;
      for (const pieces of everyTwoCuts(stream)) {
        // All pieces at one time: a split must never invent an idle gap.
        const framer = createFramer(spec);
        const got = [...pieces.flatMap((p) => framer.push(p, 7)), ...framer.end()];
        expect(view(got)).toEqual(whole);
        cases++;
      }
      expect(cases).toBe(((stream.length + 1) * (stream.length + 2)) / 2);
    });
  }

  it('raw: every split point gives the pieces themselves, which join back to the stream', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      const frames = run({ mode: 'raw' }, [stream.subarray(0, cut), stream.subarray(cut)]);
      expect(frames.map((f) => f.data.length)).toEqual([cut, stream.length - cut]);
      expect(hexOf(cat(...frames.map((f) => f.data)))).toBe(hexOf(stream));
    }
  });

  it('idle: a gap at any offset cuts there and only there', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      const framer = createFramer({ mode: 'idle', gapMs: 10 });
      const frames = [
        ...framer.push(stream.subarray(0, cut), 0),
        ...framer.push(stream.subarray(cut), 10_000),
        ...framer.end(),
      ];
      expect(frames.map((f) => hexOf(f.data))).toEqual([
        hexOf(stream.subarray(0, cut)),
        hexOf(stream.subarray(cut)),
      ]);
      expect(frames.map((f) => f.firstTime)).toEqual([0, 10_000]);
    }
  });
});
