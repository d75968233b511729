import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../../src/shared/contract/chunk';
import { createMessageFramer, type Message } from '../../../src/shared/framing/message-framer';
import type { FramingSpecInput } from '../../../src/shared/framing/framing-spec';

const enc = new TextEncoder();
let seq = 0;
const chunk = (dir: 'rx' | 'tx', peerId: string, text: string, time = seq * 10): Chunk => ({
  seq: seq++,
  endpointId: 'e1',
  peerId,
  dir,
  time,
  data: enc.encode(text),
});
const dec = (m: Message) => new TextDecoder().decode(m.data);
const run = (spec: FramingSpecInput, chunks: Chunk[]) => {
  const framer = createMessageFramer(spec);
  return chunks.flatMap((c) => framer.push(c));
};

describe('message framer (chunks of a connection → messages)', () => {
  it('raw: each non-empty chunk is one message carrying its seq, time and peer', () => {
    const cs = [chunk('rx', 'p1', 'ab'), chunk('rx', 'p1', ''), chunk('tx', 'p1', 'cd')];
    const got = run({ mode: 'raw' }, cs);
    expect(got.map((m) => [m.seq, m.dir, dec(m), m.time])).toEqual([
      [cs[0]!.seq, 'rx', 'ab', cs[0]!.time],
      [cs[2]!.seq, 'tx', 'cd', cs[2]!.time],
    ]);
    expect(got[0]!.data).toBe(cs[0]!.data);
  });

  it('cuts received bytes per peer, so two peers interleaving do not mix their frames', () => {
    const cs = [
      chunk('rx', 'p1', 'AB'),
      chunk('rx', 'p2', 'xy\n'),
      chunk('rx', 'p1', 'C\nD'),
      chunk('rx', 'p2', 'z'),
      chunk('rx', 'p1', '\n'),
    ];
    const got = run({ mode: 'delimiter', delimiter: '\\n' }, cs);
    expect(got.map((m) => [m.peerId, dec(m), m.seq, m.lastSeq ?? m.seq])).toEqual([
      ['p2', 'xy\n', cs[1]!.seq, cs[1]!.seq],
      ['p1', 'ABC\n', cs[0]!.seq, cs[2]!.seq],
      ['p1', 'D\n', cs[2]!.seq, cs[4]!.seq],
    ]);
  });

  it('leaves sent chunks as written, whatever the framing', () => {
    const cs = [chunk('tx', 'p1', 'no delimiter'), chunk('rx', 'p1', 'a;b;')];
    const got = run({ mode: 'delimiter', delimiter: ';' }, cs);
    expect(got.map((m) => [m.dir, dec(m)])).toEqual([
      ['tx', 'no delimiter'],
      ['rx', 'a;'],
      ['rx', 'b;'],
    ]);
  });

  it('names the chunk of the first byte even when the delimiter is stripped', () => {
    const cs = [
      chunk('rx', 'p1', 'one\r'),
      chunk('rx', 'p1', '\ntwo\r\nth'),
      chunk('rx', 'p1', 'ree\r\n'),
    ];
    const got = run({ mode: 'delimiter', delimiter: '\\r\\n', keepDelimiter: false }, cs);
    expect(got.map((m) => [dec(m), m.seq, m.lastSeq ?? m.seq, m.time])).toEqual([
      ['one', cs[0]!.seq, cs[1]!.seq, cs[0]!.time],
      ['two', cs[1]!.seq, cs[1]!.seq, cs[1]!.time],
      ['three', cs[1]!.seq, cs[2]!.seq, cs[1]!.time],
    ]);
  });

  it('idle framing: flush(now) ends the messages of peers gone quiet', () => {
    const framer = createMessageFramer({ mode: 'idle', gapMs: 5 });
    expect(framer.push(chunk('rx', 'p1', 'ab', 1_000))).toEqual([]);
    expect(framer.push(chunk('rx', 'p2', 'xy', 3_000))).toEqual([]);
    expect(framer.pending()).toBe(4);
    expect(framer.flush(6_500).map(dec)).toEqual(['ab']);
    expect(framer.flush(8_000).map(dec)).toEqual(['xy']);
    expect(framer.pending()).toBe(0);
  });
});
