import fc from 'fast-check';
import type { ResultOf } from '../../src/shared/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInMemoryApi, type InMemoryApi } from '../helpers/in-memory-api';
import { must } from '../helpers/result';
import { connectPeer, type NodePeer } from '../helpers/node-peers';
import { eventually } from '../helpers/peers';
import { englishOf } from '../../src/shared/messages/plain-formats';

/**
 * The page operations take whatever a page sends: any payload is either a
 * page that holds together or a typed failure with a sentence, never a
 * throw, and a well-formed page's counts, offsets and bytes agree.
 */
let bridge: InMemoryApi;
let peer: NodePeer;
let id: string;
const sent = Buffer.from(Array.from({ length: 3000 }, (_, i) => `row ${i};`).join('\n'));

beforeAll(async () => {
  bridge = createInMemoryApi({ logBudgetBytes: 16 * 1024 });
  const info = await must(
    bridge.api.openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }),
  );
  id = info.id;
  peer = await connectPeer(info.local!.port);
  // In pieces, so the small log holds many chunks and has evicted many.
  for (let at = 0; at < sent.length; at += 700) {
    peer.socket.write(sent.subarray(at, at + 700));
    await eventually(
      async () => (await must(bridge.api.logRowCount({ endpointId: id }))).lastSeq >= 0,
      'logged',
    );
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await eventually(
    async () =>
      (await must(bridge.api.logStream({ endpointId: id, dir: 'rx', offset: 0, length: 1 })))
        .end === sent.length,
    'everything logged',
  );
});
afterAll(async () => {
  peer.socket.destroy();
  await bridge.close();
});

const anchor = fc.oneof(
  fc.record({ position: fc.integer({ min: 0, max: 1e6 }) }),
  fc.record({ seq: fc.integer({ min: 0, max: 1e4 }) }),
  fc.record({ row: fc.integer({ min: 0, max: 1e4 }) }),
  fc.constant({ tail: true }),
  fc.anything(),
);
const framing = fc.oneof(
  fc.constant(undefined),
  fc.constant({ mode: 'delimiter', delimiter: ';' }),
  fc.constant({ mode: 'fixed', length: 13 }),
  fc.record({ mode: fc.constantFrom('delimiter', 'fixed', 'raw', 'nope'), length: fc.integer() }),
);

describe('page requests from a page', () => {
  it('logRows: a page that holds together, or a sentence', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            endpointId: fc.oneof(fc.constant('e1'), fc.string()),
            framing,
            anchor,
            before: fc.integer({ min: -5, max: 1200 }),
            count: fc.integer({ min: -5, max: 1200 }),
            maxRowBytes: fc.integer({ min: -1, max: 70_000 }),
          },
          { requiredKeys: ['endpointId', 'anchor'] },
        ),
        async (payload) => {
          const r = await bridge.raw('logRows', payload);
          if (!r.ok) {
            expect(['invalid-request', 'not-found']).toContain(r.error.code);
            expect(englishOf(r.error.message).length).toBeGreaterThan(10);
            return;
          }
          const v = r.value as ResultOf<'logRows'>;
          expect(v.from).toBeGreaterThanOrEqual(Math.min(v.firstHeld, v.total));
          let at = 0;
          for (const row of v.rows) {
            expect(row.bytesAt).toBe(at);
            at += row.bytesLength;
            if ((payload as { framing?: unknown }).framing === undefined) {
              const bytes = v.bytes.subarray(row.bytesAt, row.bytesAt + row.bytesLength);
              expect(
                Buffer.compare(
                  bytes,
                  sent.subarray(row.streamOffset, row.streamOffset + row.bytesLength),
                ),
              ).toBe(0);
            }
          }
          expect(v.bytes.byteLength).toBe(at);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('logStream, searches and scans: a result or a sentence, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'logStream',
          'startLogSearch',
          'readLogSearch',
          'startLogFilter',
          'cancelLogScan',
          'closeLogScan',
          'logRowCount',
        ),
        fc.record(
          {
            endpointId: fc.oneof(fc.constant(id), fc.string()),
            dir: fc.constantFrom('rx', 'tx', 'all', 'up'),
            offset: fc.integer({ min: -1, max: 1e6 }),
            length: fc.integer({ min: 0, max: 5e6 }),
            scanId: fc.constantFrom('s1', 's2', 'x', ''),
            anchor: fc.oneof(
              fc.record({ index: fc.nat() }),
              fc.constant({ tail: true }),
              fc.anything(),
            ),
            pattern: fc.oneof(
              fc.record({
                kind: fc.constantFrom('text', 'hex', 'regex'),
                text: fc.string({ maxLength: 8 }),
              }),
              fc.anything(),
            ),
          },
          { requiredKeys: [] },
        ),
        async (op, payload) => {
          const r = await bridge.raw(op, payload);
          if (!r.ok) expect(['invalid-request', 'not-found']).toContain(r.error.code);
        },
      ),
      { numRuns: 400 },
    );
    // And the backend still answers properly afterwards.
    const c = await must(bridge.api.logRowCount({ endpointId: id }));
    expect(c.total).toBeGreaterThan(0);
  });
});
