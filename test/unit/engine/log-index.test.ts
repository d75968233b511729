import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Chunk, Direction } from '../../../src/shared/contract';
import { concatBytes } from '../../../src/shared/payload/byte-builder';
import { CaptureLog } from '../../../src/main/engine/capture/capture-log';
import { LogIndex } from '../../../src/main/engine/capture/log-index';
import { readStream } from '../../../src/main/engine/capture/log-page-read';
import { copyLane, RawRows } from '../../../src/main/engine/capture/row-source';
import { POOLED_MAX_BYTES } from '../../../src/main/engine/capture/slab-pool';

/**
 * The log's indexes against a naive model: every chunk ever appended, kept
 * whole, with what the log evicted taken from its own counts. Random
 * appends (empty chunks, big ones kept outside the slabs, several
 * endpoints, peers and directions) and random budget cuts; after each
 * step, every position, seq, lane offset and byte the index gives must be
 * the model's.
 */
interface Sent {
  seq: number;
  endpointId: string;
  peerId: string;
  dir: Direction;
  data: Uint8Array;
}

type Op =
  | { kind: 'append'; endpoint: number; peer: number; dir: Direction; size: number; fill: number }
  | { kind: 'budget'; bytes: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      endpoint: fc.integer({ min: 0, max: 1 }),
      peer: fc.integer({ min: 0, max: 2 }),
      dir: fc.constantFrom<Direction>('rx', 'tx'),
      size: fc.oneof(
        { weight: 15, arbitrary: fc.integer({ min: 0, max: 5000 }) },
        { weight: 1, arbitrary: fc.constant(POOLED_MAX_BYTES + 7) },
      ),
      fill: fc.integer({ min: 0, max: 255 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('budget' as const),
      // Down to less than a big chunk: it is then evicted as it is appended.
      bytes: fc.integer({ min: 20_000, max: 1_000_000 }),
    }),
  },
);

function bytesOf(size: number, fill: number, seq: number): Uint8Array {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = (fill + i * 31 + seq * 7) & 0xff;
  return b;
}

function check(log: CaptureLog, index: LogIndex, sent: Sent[]): void {
  for (const endpointId of ['e0', 'e1']) {
    const mine = sent.filter((s) => s.endpointId === endpointId);
    const ep = index.of(endpointId);
    const gone = log.droppedFor(endpointId).chunks;
    expect(ep.count).toBe(mine.length);
    expect(ep.firstHeld).toBe(gone);
    expect(ep.lastSeq).toBe(mine.length > 0 ? mine[mine.length - 1]!.seq : -1);
    const rows = new RawRows(ep);
    for (let o = gone; o < mine.length; o++) {
      const s = mine[o]!;
      expect(ep.seqs.at(o)).toBe(s.seq);
      expect(ep.ordinalOfSeq(s.seq)).toBe(o);
      expect(rows.positionOfSeq(s.seq)).toBe(o);
      const lane = ep.laneOf(o);
      expect([lane.dir, lane.peerId]).toEqual([s.dir, s.peerId]);
      const row = rows.row(o)!;
      expect(row.length).toBe(s.data.byteLength);
    }
    expect(rows.row(gone - 1)).toBeNull();
    // A lane for each (direction, peer) the log still holds a chunk of, and no more.
    const heldLanes = new Set(mine.slice(gone).map((s) => `${s.dir} ${s.peerId}`));
    expect(ep.laneCount).toBe(2 + heldLanes.size);
    // Every lane: its length, what it still holds, and its bytes from any offset.
    for (const dir of ['rx', 'tx'] as const) {
      for (const peerId of [null, 'p0', 'p1', 'p2']) {
        const parts = mine.filter((s) => s.dir === dir && (peerId === null || s.peerId === peerId));
        const stream = concatBytes(parts.map((s) => s.data));
        const lost = parts
          .filter((s) => mine.indexOf(s) < gone)
          .reduce((n, s) => n + s.data.byteLength, 0);
        const lane = ep.laneFor(dir, peerId);
        if (!lane) {
          // Never seen, or let go once the log held none of its chunks.
          expect(lost).toBe(stream.byteLength);
          expect(parts.filter((s) => mine.indexOf(s) >= gone)).toHaveLength(0);
          continue;
        }
        expect(lane.bytes).toBe(stream.byteLength);
        expect(lane.firstByte).toBe(lost);
        for (const offset of [lost, (lost + stream.byteLength) >> 1, stream.byteLength - 3]) {
          const from = Math.max(offset, lost);
          const to = Math.min(stream.byteLength, from + 9000);
          if (to <= from) continue;
          const got = new Uint8Array(to - from);
          expect(copyLane(log, ep, lane, from, to, got, 0)).toBe(true);
          expect(Buffer.from(got).equals(Buffer.from(stream.subarray(from, to)))).toBe(true);
          // The byte window says the same, with the chunks it came in.
          const w = readStream(log, ep, lane, offset, 9000);
          expect([w.start, w.end, w.offset]).toEqual([lost, stream.byteLength, from]);
          expect(Buffer.from(w.bytes).equals(Buffer.from(stream.subarray(from, to)))).toBe(true);
          for (let c = 0; c < w.chunks.seq.length; c++) {
            const s = mine.find((m) => m.seq === w.chunks.seq[c])!;
            const before = parts
              .slice(0, parts.indexOf(s))
              .reduce((n, p) => n + p.data.byteLength, 0);
            expect(w.chunks.offset[c]).toBe(before);
          }
        }
      }
    }
  }
}

describe('the log index', () => {
  it('agrees with a naive model through random appends and evictions', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 150 }), (ops) => {
        const index = new LogIndex();
        const log = new CaptureLog(400_000, (id, drop) => index.evicted(id, drop.chunks));
        const sent: Sent[] = [];
        ops.forEach((o, step) => {
          if (o.kind === 'budget') log.setBudget(o.bytes);
          else {
            const chunk = {
              endpointId: `e${o.endpoint}`,
              peerId: `p${o.peer}`,
              dir: o.dir,
              time: step,
              data: bytesOf(o.size, o.fill, step),
            };
            const model = { ...chunk, data: chunk.data.slice() };
            const stored: Chunk = log.append(chunk);
            index.appended(stored);
            sent.push({ ...model, seq: stored.seq });
          }
          check(log, index, sent);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('lets go of a peer lane once the log holds none of its chunks, whatever the number of peers', () => {
    const index = new LogIndex();
    const log = new CaptureLog(64 * 1024, (id, drop) => index.evicted(id, drop.chunks));
    const ep = index.of('e0');
    for (let i = 0; i < 20_000; i++) {
      index.appended(
        log.append({
          endpointId: 'e0',
          peerId: `p${i}`,
          dir: i % 3 ? 'rx' : 'tx',
          time: i,
          data: bytesOf(100, i, i),
        }),
      );
      if (i % 997 === 0) expect(ep.laneCount).toBe(2 + ep.count - ep.firstHeld);
    }
    const held = ep.count - ep.firstHeld;
    expect(held).toBeLessThan(1000);
    expect(ep.laneCount).toBe(2 + held);
    expect(ep.peerLanes()).toHaveLength(held);
    // The whole-direction lanes stay, with every byte counted.
    expect(ep.dirLanes.rx.bytes + ep.dirLanes.tx.bytes).toBe(20_000 * 100);
    expect(ep.laneFor('rx', 'p1')).toBeUndefined();
    expect(ep.laneFor('rx', 'p19999')?.bytes).toBe(100);
  });

  it('goes on at the offset a peer had when its lane comes back', () => {
    const index = new LogIndex();
    const log = new CaptureLog(64 * 1024, (id, drop) => index.evicted(id, drop.chunks));
    const ep = index.of('e0');
    const add = (peerId: string, size: number, t: number): void => {
      index.appended(
        log.append({ endpointId: 'e0', peerId, dir: 'rx', time: t, data: bytesOf(size, t, t) }),
      );
    };
    add('p1', 300, 0);
    const first = ep.laneFor('rx', 'p1')!;
    // Others push all of p1 out of the log.
    for (let i = 0; ep.laneFor('rx', 'p1'); i++) add(`p${i + 2}`, 1000, i + 1);
    add('p1', 50, 10_000);
    const again = ep.laneFor('rx', 'p1')!;
    expect(again.id).not.toBe(first.id);
    expect([again.firstByte, again.bytes]).toEqual([300, 350]);
    const w = readStream(log, ep, again, 0, 1000);
    expect([w.start, w.end, w.offset, w.bytes.byteLength]).toEqual([300, 350, 300, 50]);
  });

  it('forgets an endpoint whole, and the others keep their positions', () => {
    const index = new LogIndex();
    const log = new CaptureLog(1 << 20, (id, drop) => index.evicted(id, drop.chunks));
    for (let i = 0; i < 100; i++) {
      const stored = log.append({
        endpointId: i % 2 ? 'e1' : 'e0',
        peerId: 'p0',
        dir: 'rx',
        time: i,
        data: bytesOf(10, i, i),
      });
      index.appended(stored);
    }
    log.forget('e0');
    index.forget('e0');
    const e1 = index.of('e1');
    expect(e1.count).toBe(50);
    // The log's seqs are no longer consecutive: lookups still find every chunk.
    for (let o = 0; o < 50; o++) expect(log.chunkBySeq(e1.seqs.at(o))?.seq).toBe(2 * o + 1);
    expect(log.chunkBySeq(0)).toBeUndefined();
    expect(index.of('e0').count).toBe(0);
  });
});
