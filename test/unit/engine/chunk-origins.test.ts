import { describe, expect, it } from 'vitest';
import type { ChunkOrigin } from '../../../src/shared/contract';
import { ChunkColumns } from '../../../src/main/engine/capture/chunk-columns';
import { firstRows, LINE_FRAMING, useLogPages } from '../../helpers/log-pages-harness';
import { eventually } from '../../helpers/peers';

/**
 * The log marks what automation sent with who sent it (issue 10): the
 * capture log keeps a chunk's origin in a column (a kind and an interned
 * id), logRows gives it back on the rows it begins, and the ids go when
 * the last chunk naming one is evicted.
 */
const logPages = useLogPages();

function setUp(budget = 1024 * 1024) {
  const { log, pages } = logPages(budget);
  const append = (text: string, origin?: ChunkOrigin) => {
    const chunk = { endpointId: 'e1', peerId: 'p1', dir: 'tx' as const, time: 1 };
    pages.appended(
      log.append({ ...chunk, data: Buffer.from(text), ...(origin ? { origin } : {}) }),
    );
  };
  return { log, pages, append };
}

const rule: ChunkOrigin = { kind: 'rule', id: 'r-7' };
const periodic: ChunkOrigin = { kind: 'periodic', id: 'p3' };
const sequence: ChunkOrigin = { kind: 'sequence', id: 's1' };

describe('who sent a chunk, in the capture log', () => {
  it('logRows gives each raw row the origin of its chunk, and none to what a person sent', () => {
    const { pages, append } = setUp();
    append('by hand');
    append('PONG', rule);
    append('beat', periodic);
    append('HELLO', sequence);
    const page = firstRows(pages, 10);
    expect(page.rows.map((r) => r.origin)).toEqual([undefined, rule, periodic, sequence]);
    expect(page.rows[0]).not.toHaveProperty('origin');
  });

  it('a framed row carries the origin of the chunk that brought its first byte', async () => {
    const { pages, append } = setUp();
    const framing = LINE_FRAMING;
    append('PO', rule);
    append('NG\nhand\n');
    await eventually(
      () => pages.rowCount({ endpointId: 'e1', framing }).framing.behindChunks === 0,
      'framed',
      10_000,
    );
    const page = firstRows(pages, 10, framing);
    expect(page.rows.map((r) => r.origin)).toEqual([rule, undefined]);
  });

  it('keeps an origin id once while chunks name it, and lets it go with the last of them', () => {
    const columns = new ChunkColumns();
    const data = new Uint8Array(1);
    const chunk = (seq: number, origin?: ChunkOrigin) => ({
      seq,
      endpointId: 'e1',
      peerId: 'p1',
      dir: 'tx' as const,
      time: 1,
      data,
      ...(origin ? { origin } : {}),
    });
    for (let i = 0; i < 1000; i++)
      columns.push(chunk(i, { kind: 'periodic', id: `run${i % 10}` }), data, 0);
    columns.push(chunk(1000), data, 0);
    expect(columns.originIdsHeld).toBe(10);
    expect(columns.chunk(columns.start + 3).origin).toEqual({ kind: 'periodic', id: 'run3' });
    for (let i = 0; i < 995; i++) columns.shift();
    expect(columns.originIdsHeld).toBe(5);
    for (let i = 0; i < 5; i++) columns.shift();
    expect(columns.originIdsHeld).toBe(0);
    expect(columns.chunk(columns.start).origin).toBeUndefined();
  });

  it('keeps origins when another connection is forgotten', () => {
    const { log } = setUp();
    log.append({ endpointId: 'e2', peerId: 'p1', dir: 'tx', time: 1, data: Buffer.from('x') });
    log.append({
      endpointId: 'e1',
      peerId: 'p1',
      dir: 'tx',
      time: 1,
      data: Buffer.from('y'),
      origin: rule,
    });
    log.forget('e2');
    expect(log.read('e1', -1, 10).map((c) => c.origin)).toEqual([rule]);
  });
});
