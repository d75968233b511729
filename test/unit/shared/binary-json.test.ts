import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../../src/shared/wire/binary-json';
import { thrownEnglish } from '../../helpers/english';

/** The browser mode's wire format: JSON with raw byte fields in a binary tail. */
describe('binary JSON', () => {
  it('round-trips nested byte fields exactly, Buffers included, without base64', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const message = {
      kind: 'events',
      batch: {
        seq: 3,
        events: [{ data: all }, { data: Buffer.from('hi') }, { data: new Uint8Array(0) }],
      },
      text: 'ünïcode ✓',
    };
    const wire = encodeMessage(message);
    expect(wire.byteLength).toBeLessThan(256 + 2 + 200);
    const back = decodeMessage(wire) as typeof message;
    expect(back.text).toBe('ünïcode ✓');
    expect(back.batch.events[0]!.data).toEqual(all);
    expect(Array.from(back.batch.events[1]!.data)).toEqual([0x68, 0x69]);
    expect(back.batch.events[2]!.data).toBeInstanceOf(Uint8Array);
    expect(back.batch.events[2]!.data.byteLength).toBe(0);
  });

  it('decoded bytes are copies that do not pin the whole message', () => {
    const back = decodeMessage(encodeMessage({ data: new Uint8Array([1, 2, 3]) })) as {
      data: Uint8Array;
    };
    expect(back.data.buffer.byteLength).toBe(3);
    // Also from a Node Buffer (what ws and Electron may hand a transport), whose slice() is a view.
    const fromBuffer = decodeMessage(Buffer.from(encodeMessage({ data: Uint8Array.of(4, 5) }))) as {
      data: Uint8Array;
    };
    expect(fromBuffer.data.buffer.byteLength).toBe(2);
    expect(Buffer.isBuffer(fromBuffer.data)).toBe(false);
    expect(Array.from(fromBuffer.data)).toEqual([4, 5]);
  });

  it('rejects truncated messages and references past the tail', () => {
    expect(thrownEnglish(() => decodeMessage(new Uint8Array([0, 0])))).toMatch(
      /shorter than its header/,
    );
    expect(thrownEnglish(() => decodeMessage(new Uint8Array([0, 0, 0, 50, 123])))).toMatch(
      /shorter than its header says/,
    );
    const json = new TextEncoder().encode('{"data":{"$bin":[0,10]}}');
    const forged = new Uint8Array(4 + json.length + 2);
    new DataView(forged.buffer).setUint32(0, json.length);
    forged.set(json, 4);
    expect(thrownEnglish(() => decodeMessage(forged))).toMatch(/points past the message/);
  });

  it('refuses byte fields that reuse the tail: repeated, overlapping, out of order, gaps, leftovers', () => {
    // 400 references to one 1 MiB tail would be 400 MiB of copies.
    const repeated = forge(
      { data: Array.from({ length: 400 }, () => ({ $bin: [0, 1024 * 1024] })) },
      1024 * 1024,
    );
    expect(repeated.byteLength).toBeLessThan(1024 * 1024 + 16 * 1024);
    expect(thrownEnglish(() => decodeMessage(repeated))).toMatch(
      /starts at 0 of the tail, not at 1048576/,
    );
    const refused: Array<[unknown, number, RegExp]> = [
      [[{ $bin: [0, 4] }, { $bin: [2, 4] }], 6, /starts at 2 of the tail, not at 4/],
      [[{ $bin: [4, 4] }, { $bin: [0, 4] }], 8, /starts at 4 of the tail, not at 0/],
      [[{ $bin: [0, 2] }, { $bin: [3, 1] }], 4, /starts at 3/],
      [[{ $bin: [0, 2] }], 5, /carries 3 bytes that no field refers to/],
      [[], 1, /carries 1 bytes that no field refers to/],
    ];
    for (const [refs, tail, message] of refused) {
      const said = thrownEnglish(() => decodeMessage(forge(refs, tail)));
      expect(said, JSON.stringify(refs)).toMatch(message);
    }
  });

  it('round-trips any JSON value with byte fields anywhere (property)', () => {
    fc.assert(
      fc.property(wireValue, (value) => {
        const back = decodeMessage(encodeMessage(value));
        expect(back).toEqual(value);
        expect(bytesIn(back)).toBe(bytesIn(value));
      }),
      { numRuns: 500 },
    );
  });

  it('never produces more bytes than the message carries, whatever the references say (property)', () => {
    const ref = fc
      .tuple(fc.nat({ max: 40 }), fc.nat({ max: 40 }))
      .map(([offset, length]) => ({ $bin: [offset, length] }));
    const refs = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        ref,
        fc.array(tie('node'), { maxLength: 6 }),
        fc.dictionary(fc.string({ maxLength: 3 }), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(refs, fc.nat({ max: 64 }), (structure, tailLength) => {
        const message = forge(structure, tailLength);
        let decoded: unknown;
        try {
          decoded = decodeMessage(message);
        } catch {
          return; // refused: nothing was made
        }
        expect(bytesIn(decoded)).toBeLessThanOrEqual(tailLength);
      }),
      { numRuns: 2000 },
    );
  });
});

/** A message with `json` as its head and `tailLength` bytes of tail, as a hostile peer writes it. */
function forge(json: unknown, tailLength: number): Uint8Array {
  const head = new TextEncoder().encode(JSON.stringify(json));
  const message = new Uint8Array(4 + head.byteLength + tailLength);
  new DataView(message.buffer).setUint32(0, head.byteLength);
  message.set(head, 4);
  return message;
}

/** Every byte of every Uint8Array reachable from `value`. */
function bytesIn(value: unknown): number {
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value !== 'object' || value === null) return 0;
  return Object.values(value).reduce<number>((sum, v) => sum + bytesIn(v), 0);
}

/** JSON values (integer-like keys included, which objects enumerate first) with byte fields. */
const wireValue = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
      fc.boolean(),
      fc.constant(null),
    ),
    fc.uint8Array({ maxLength: 64 }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(
      fc.oneof(fc.string({ maxLength: 4 }), fc.nat({ max: 20 }).map(String)),
      tie('value'),
      { maxKeys: 5 },
    ),
  ),
})).value;
