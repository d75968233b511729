import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../../src/shared/wire/binary-json';

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
  });

  it('rejects truncated messages and references past the tail', () => {
    expect(() => decodeMessage(new Uint8Array([0, 0]))).toThrow(/shorter than its header/);
    expect(() => decodeMessage(new Uint8Array([0, 0, 0, 50, 123]))).toThrow(
      /shorter than its header says/,
    );
    const json = new TextEncoder().encode('{"data":{"$bin":[0,10]}}');
    const forged = new Uint8Array(4 + json.length + 2);
    new DataView(forged.buffer).setUint32(0, json.length);
    forged.set(json, 4);
    expect(() => decodeMessage(forged)).toThrow(/points past the message/);
  });
});
