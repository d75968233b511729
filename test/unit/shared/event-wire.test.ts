import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Chunk, EventBatch, PeerInfo, WirebenchEvent } from '../../../src/shared/contract';
import { decodeMessage, encodeMessage } from '../../../src/shared/wire/binary-json';
import { encodeEventBatch } from '../../../src/shared/wire/event-wire';

/**
 * A batch is written by hand where it holds chunks (event-wire.ts): the
 * message must be exactly the one encodeMessage makes of the same batch,
 * byte for byte, with or without the WebSocket's envelope, whatever the
 * events, ids, numbers and bytes.
 */
const someId = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/),
  // Not what the engine makes, but the writer must not trust that.
  fc.string({ maxLength: 8 }),
);
const someNumber = fc.oneof(
  fc.nat(),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  // Times as the clock makes them: µs since the epoch.
  fc.integer({ min: 1_600_000_000_000_000, max: 2_000_000_000_000_000 }),
  fc.integer({ min: 999_000, max: 1_001_000 }),
  fc.double(),
);
/** Fields in the order the engine makes them (endpoint.ts, capture-log.ts). */
const chunk = fc
  .record({
    endpointId: someId,
    peerId: someId,
    dir: fc.constantFrom('rx' as const, 'tx' as const),
    time: someNumber,
    data: fc.uint8Array({ maxLength: 64 }),
    // Automation's chunks are tagged before the log gives them their seq (engine.ts).
    origin: fc.option(
      fc.record({
        kind: fc.constantFrom('rule' as const, 'periodic' as const, 'sequence' as const),
        id: someId,
      }),
      { nil: undefined },
    ),
    seq: someNumber,
  })
  .map((c): Chunk => {
    const out: Omit<Chunk, 'seq'> & { seq?: number } = {
      endpointId: c.endpointId,
      peerId: c.peerId,
      dir: c.dir,
      time: c.time,
      data: c.data,
    };
    if (c.origin) out.origin = c.origin;
    out.seq = c.seq;
    return out as Chunk;
  });
const event: fc.Arbitrary<WirebenchEvent> = fc.oneof(
  fc.array(chunk, { maxLength: 20 }).map((chunks) => ({ type: 'chunks' as const, chunks })),
  fc.record({
    type: fc.constant('notice' as const),
    level: fc.constantFrom('info' as const, 'warning' as const, 'error' as const),
    endpointId: fc.option(someId, { nil: null }),
    message: fc.record({
      code: fc.constant('peer.none'),
      params: fc.record({ where: fc.string() }),
    }),
  }),
  fc.record({
    type: fc.constant('skipped' as const),
    endpointId: someId,
    chunks: fc.nat(),
    bytes: fc.nat(),
  }),
  fc.record({
    type: fc.constant('peers' as const),
    endpointId: someId,
    full: fc.boolean(),
    changed: fc.constant([] as PeerInfo[]),
    removed: fc.array(someId, { maxLength: 4 }),
  }),
);
const batch = fc
  .record({ seq: fc.nat(), events: fc.array(event, { maxLength: 6 }) })
  .map((b): EventBatch => ({ seq: b.seq, events: b.events }));

describe('event batches on the wire', () => {
  it('are the message encodeMessage makes, byte for byte, with and without the envelope', () => {
    fc.assert(
      fc.property(batch, (b) => {
        expect(encodeEventBatch(b)).toEqual(encodeMessage(b));
        expect(encodeEventBatch(b, true)).toEqual(encodeMessage({ kind: 'events', batch: b }));
      }),
      { numRuns: 500 },
    );
  });

  it('a chunk automation sent keeps who sent it (the log marks the reply with its rule)', () => {
    const origin = { kind: 'rule' as const, id: 'r1' };
    const c = { endpointId: 'e1', peerId: 'p1', dir: 'tx' as const, time: 5 };
    const b: EventBatch = {
      seq: 1,
      events: [{ type: 'chunks', chunks: [{ ...c, data: new Uint8Array([1]), origin, seq: 9 }] }],
    };
    const decoded = decodeMessage(encodeEventBatch(b)) as EventBatch;
    const [first] = decoded.events;
    expect(first?.type === 'chunks' && first.chunks[0]?.origin).toEqual(origin);
  });

  it('a chunk of a slab view travels as its own bytes only', () => {
    const slab = new Uint8Array(new SharedArrayBuffer(1 << 20)).fill(7);
    const view = slab.subarray(1000, 1010);
    const b: EventBatch = {
      seq: 1,
      events: [
        {
          type: 'chunks',
          chunks: [{ endpointId: 'e1', peerId: 'p1', dir: 'rx', time: 5, data: view, seq: 9 }],
        },
      ],
    };
    const wire = encodeEventBatch(b);
    expect(wire.byteLength).toBeLessThan(200);
    const decoded = decodeMessage(wire) as EventBatch;
    const [first] = decoded.events;
    expect(first?.type === 'chunks' && first.chunks[0]).toEqual({
      endpointId: 'e1',
      peerId: 'p1',
      dir: 'rx',
      time: 5,
      data: new Uint8Array(10).fill(7),
      seq: 9,
    });
  });
});

describe('byte fields that lie one after the other in one buffer (a slab)', () => {
  it('are one part of the message, and each decodes to its own bytes', () => {
    const slab = new Uint8Array(new SharedArrayBuffer(64));
    for (let i = 0; i < 64; i++) slab[i] = i;
    const other = new Uint8Array([200, 201]);
    const views = [
      slab.subarray(0, 5),
      slab.subarray(5, 9),
      other,
      slab.subarray(9, 9),
      slab.subarray(9, 20),
      slab.subarray(30, 31),
    ];
    const batch: EventBatch = {
      seq: 1,
      events: [
        {
          type: 'chunks',
          chunks: views.map((data, seq) => ({
            endpointId: 'e1',
            peerId: 'p1',
            dir: 'rx',
            time: 1,
            data,
            seq,
          })),
        },
      ],
    };
    const message = encodeEventBatch(batch);
    expect(Buffer.from(message).equals(Buffer.from(encodeMessage(batch)))).toBe(true);
    const back = decodeMessage(message) as EventBatch;
    const got =
      back.events[0]!.type === 'chunks' ? back.events[0]!.chunks.map((c) => [...c.data]) : [];
    expect(got).toEqual(views.map((v) => [...v]));
  });
});
