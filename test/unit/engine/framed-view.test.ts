import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Chunk, Direction } from '../../../src/shared/contract';
import { framingSpec, type FramingSpecInput } from '../../../src/shared/framing/framing-spec';
import { createMessageFramer, type Message } from '../../../src/shared/framing/message-framer';
import { CaptureLog } from '../../../src/main/engine/capture/capture-log';
import { FramedView } from '../../../src/main/engine/capture/framed-view';
import { LogIndex } from '../../../src/main/engine/capture/log-index';
import { copyLane } from '../../../src/main/engine/capture/row-source';
import { createConnectionFramer } from '../../../src/main/engine/framing/connection-framer';

/**
 * Framing in main gives the messages the shared framer gives (the code the
 * renderer ran), however the bytes were chunked and interleaved between
 * peers and directions, whether framed at once or as chunks arrive; a row
 * keeps only where its bytes are, and those bytes are the message's.
 */
const specs: FramingSpecInput[] = [
  { mode: 'delimiter', delimiter: '\\r\\n' },
  { mode: 'delimiter', delimiter: '7E', delimiterFormat: 'hex', keepDelimiter: false },
  { mode: 'delimiter', delimiter: '\\n', maxFrameBytes: 40 },
  { mode: 'delimiter', delimiter: '\\r\\n\\r\\n', maxFrameBytes: 20 },
  { mode: 'delimiter', delimiter: 'AAB', keepDelimiter: false, maxFrameBytes: 9 },
  { mode: 'delimiter', delimiter: '0D 0A 0D', delimiterFormat: 'hex', maxFrameBytes: 1 },
  { mode: 'raw' },
  { mode: 'fixed', length: 7 },
  { mode: 'length-prefix', size: 1, maxFrameBytes: 60 },
  { mode: 'idle', gapMs: 5 },
];

interface Piece {
  peer: number;
  dir: Direction;
  bytes: number[];
  gapUs: number;
}

const piece = fc.record({
  peer: fc.integer({ min: 0, max: 1 }),
  dir: fc.constantFrom<Direction>('rx', 'rx', 'tx'),
  // Bytes rich in delimiters, small length fields and 0x7E.
  bytes: fc.array(fc.constantFrom(0x0d, 0x0a, 0x7e, 0x03, 0x41, 0x42, 0x00, 0x30), {
    maxLength: 30,
  }),
  gapUs: fc.constantFrom(0, 1000, 9000),
});

function setUp(budget = 64 * 1024 * 1024) {
  const index = new LogIndex();
  const log = new CaptureLog(budget, (id, drop) => index.evicted(id, drop.chunks));
  let time = 1_000_000;
  const append = (p: Piece): Chunk => {
    time += p.gapUs;
    const stored = log.append({
      endpointId: 'e1',
      peerId: `p${p.peer}`,
      dir: p.dir,
      time,
      data: Uint8Array.from(p.bytes),
    });
    index.appended(stored);
    return { ...stored, data: stored.data.slice() };
  };
  return { index, log, append };
}

/** The view's rows as messages (bytes read back from the log). */
function rowsOf(view: FramedView, log: CaptureLog, index: LogIndex) {
  const out: Array<Pick<Message, 'dir' | 'peerId' | 'data' | 'error' | 'seq'>> = [];
  for (let p = view.firstHeld; p < view.total; p++) {
    const ref = view.row(p)!;
    const data = new Uint8Array(ref.length);
    expect(
      copyLane(log, index.of('e1'), ref.lane, ref.start, ref.start + ref.length, data, 0),
    ).toBe(true);
    const first = ref.lane.chunkAt(ref.start);
    const m: (typeof out)[number] = {
      dir: ref.lane.dir,
      peerId: ref.lane.peerId!,
      data,
      seq: index.of('e1').seqs.at(ref.lane.ords.at(first)),
    };
    if (ref.error !== undefined) m.error = ref.error;
    out.push(m);
  }
  return out;
}

const shape = (m: Message) => {
  const out: Pick<Message, 'dir' | 'peerId' | 'data' | 'error' | 'seq'> = {
    dir: m.dir,
    peerId: m.peerId,
    data: m.data,
    seq: m.seq,
  };
  if (m.error !== undefined) out.error = m.error;
  return out;
};

describe('framed views in main', () => {
  it('give the shared framer’s messages, framed at once or as chunks arrive', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...specs),
        fc.array(piece, { maxLength: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (spec, pieces, split) => {
          const { index, log, append } = setUp();
          const reference = createMessageFramer(spec);
          const expected: Message[] = [];
          const live = new FramedView(reference.spec, index.of('e1'), log);
          pieces.forEach((p, i) => {
            expected.push(...reference.push(append(p)));
            // Half way, the live view catches up; the rest comes after.
            if (i === split) live.catchUp(Infinity);
          });
          live.catchUp(Infinity);
          const late = new FramedView(reference.spec, index.of('e1'), log);
          // A slice that ends at once still frames a few chunks per call.
          while (!late.catchUp(0));
          expect(rowsOf(live, log, index)).toEqual(expected.map(shape));
          expect(rowsOf(late, log, index)).toEqual(expected.map(shape));
          expect(live.behind).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('lets go of rows whose bytes the log evicted, and the rest read back unchanged', () => {
    const { index, log, append } = setUp(64 * 1024);
    const spec = { mode: 'delimiter' as const, delimiter: '\\n' };
    const view = new FramedView(createConnectionFramer(spec).spec, index.of('e1'), log);
    const line = (i: number) => `line ${String(i).padStart(6, '0')}\n`;
    for (let i = 0; i < 500; i++) {
      append({ peer: 0, dir: 'rx', bytes: [...Buffer.from(line(i))], gapUs: 0 });
    }
    view.catchUp(Infinity);
    expect(view.total).toBe(500);
    for (let i = 500; i < 8000; i++) {
      append({ peer: 0, dir: 'rx', bytes: [...Buffer.from(line(i))], gapUs: 0 });
    }
    view.catchUp(Infinity);
    const held = rowsOf(view, log, index);
    const oldest = index.of('e1').firstHeld;
    expect(oldest).toBeGreaterThan(500);
    // Eviction overtook the view: its 500 rows are gone, and it went on from the oldest line held.
    expect(view.firstHeld).toBe(500);
    expect(view.total).toBe(500 + 8000 - oldest);
    expect(view.row(499)).toBeNull();
    held.forEach((m, k) => expect(Buffer.from(m.data).toString()).toBe(line(oldest + k)));
    // Positions keep their meaning: the row found for a chunk's seq is that chunk's line.
    const seq = index.of('e1').seqs.at(oldest + 10);
    expect(view.positionOfSeq(seq)).toBe(510);
  });

  it('the connection framer says where each message lies in its stream', () => {
    const framer = createConnectionFramer({
      mode: 'delimiter',
      delimiter: '\\r\\n',
      keepDelimiter: false,
    });
    const chunk = (seq: number, peerId: string, dir: Direction, text: string): Chunk => ({
      seq,
      endpointId: 'e1',
      peerId,
      dir,
      time: seq,
      data: Buffer.from(text),
    });
    const got = [
      ...framer.push(chunk(0, 'p1', 'rx', 'ab\r\ncd')),
      ...framer.push(chunk(1, 'p2', 'rx', 'xyz\r\n')),
      ...framer.push(chunk(2, 'p1', 'tx', 'sent')),
      ...framer.push(chunk(3, 'p1', 'rx', 'e\r\n\r\n')),
    ].map((m) => [m.peerId, m.dir, Buffer.from(m.data).toString(), m.streamStart, m.span]);
    expect(got).toEqual([
      ['p1', 'rx', 'ab', 0, 4],
      ['p2', 'rx', 'xyz', 0, 5],
      ['p1', 'tx', 'sent', 0, 4],
      ['p1', 'rx', 'cde', 4, 5],
      ['p1', 'rx', '', 9, 2],
    ]);
  });
});

describe('a framed view under a flood from ever new peers', () => {
  it('forgets the peers the log holds nothing of, and frames those it holds as before', () => {
    const index = new LogIndex();
    const log = new CaptureLog(64 * 1024, (id, drop) => index.evicted(id, drop.chunks));
    const ep = index.of('e0');
    for (const spec of [
      { mode: 'delimiter', delimiter: '\\n' },
      { mode: 'length-prefix', size: 1, maxFrameBytes: 60 },
    ] satisfies FramingSpecInput[]) {
      const view = new FramedView(framingSpec.parse(spec), ep, log);
      let most = 0;
      for (let i = 0; i < 20_000; i++) {
        // Each peer: one whole message and the start of another that never ends.
        const data =
          spec.mode === 'delimiter'
            ? Buffer.from(`hello ${i}\nrest`)
            : Buffer.from([5, 104, 101, 108, 108, 111, 9, 1]);
        index.appended(log.append({ endpointId: 'e0', peerId: `q${i}`, dir: 'rx', time: i, data }));
        if (i % 100 === 99) {
          view.catchUp(Infinity);
          most = Math.max(most, view.framedPeers);
        }
      }
      view.catchUp(Infinity);
      expect(most).toBeLessThanOrEqual(2 * ep.laneCount + 64 + 100);
      // The newest peer's message reads back whole.
      const last = view.row(view.total - 1)!;
      const got = new Uint8Array(last.length);
      expect(copyLane(log, ep, last.lane, last.start, last.start + last.length, got, 0)).toBe(true);
      expect(Buffer.from(got).toString()).toBe(
        spec.mode === 'delimiter' ? 'hello 19999\n' : '\u0005hello',
      );
    }
  });
});
