import { afterEach, describe, expect, it } from 'vitest';
import { MAX_UDP_PEERS } from '../../src/main/engine/udp/udp-peers';
import { engineHarness, type EngineHarness } from '../helpers/engine-harness';
import { eventually } from '../helpers/peers';
import { floodFromPorts } from '../helpers/udp-flood';

/**
 * The log's index keeps a lane per peer and direction (log-index.ts). A
 * flood from ever new source ports is a new peer per datagram (the peer
 * table forgets remotes past MAX_UDP_PEERS, and one that comes back gets a
 * new id), so a spoofing sender could grow the index without bound if a
 * lane outlived the chunks it indexes. Real datagrams on loopback, a small
 * log: the lanes stay as many as the peers the log still holds, and every
 * query by peer still answers.
 */
let h: EngineHarness;
afterEach(async () => {
  await h?.dispose();
});

const PORTS = MAX_UDP_PEERS + 2000;

describe('the log index under a flood from ever new source ports', () => {
  it('keeps a lane only for the peers the log still holds, and pages, filters and finds by peer', async () => {
    h = engineHarness();
    h.engine.log.setBudget(1024 * 1024);
    const endpoint = await h.open({ kind: 'udp', host: '127.0.0.1', port: 0 });
    const index = h.engine.pages.indexOf(endpoint.id);
    // Ports below the ephemeral range, apart from udp-seen-peers.test.ts's.
    const { sent, last } = await floodFromPorts(h.engine, endpoint, {
      count: PORTS,
      firstPort: 4_000,
      data: Buffer.alloc(1000, 0x5a),
    });
    expect(sent).toBeGreaterThan(MAX_UDP_PEERS);
    const held = index.count - index.firstHeld;
    expect(index.count).toBe(sent);
    expect(held).toBeLessThan(1100);
    // One lane per peer held (one datagram each) and the two of the whole directions.
    expect(index.laneCount).toBeLessThanOrEqual(2 + held);

    const page = h.engine.pages.rows({
      endpointId: endpoint.id,
      anchor: { tail: true },
      before: 0,
      count: 10,
      maxRowBytes: 16,
    });
    expect(page.rows).toHaveLength(10);
    const newest = page.rows.at(-1)!;
    const peer = h.engine
      .get(endpoint.id)
      .peers()
      .find((p) => p.port === last);
    expect(newest.peerId).toBe(peer?.id);

    const stream = h.engine.pages.stream({
      endpointId: endpoint.id,
      dir: 'rx',
      peerId: newest.peerId,
      offset: 0,
      length: 4096,
    });
    expect([stream.start, stream.end, stream.bytes.byteLength]).toEqual([0, 1000, 1000]);

    const filter = h.engine.pages.startFilter({
      endpointId: endpoint.id,
      dir: 'rx',
      peerId: newest.peerId,
    });
    const count = () =>
      h.engine.pages.rowCount({ endpointId: endpoint.id, filterId: filter.scanId });
    await eventually(() => count().filter?.state === 'done', 'the filter by peer');
    expect(count().total).toBe(1);

    const search = h.engine.pages.startSearch({
      endpointId: endpoint.id,
      dir: 'rx',
      peerId: newest.peerId,
      pattern: { kind: 'hex', text: '5a5a', encoding: 'utf-8' },
    });
    const read = () =>
      h.engine.pages.readSearch({
        scanId: search.scanId,
        anchor: { index: 0 },
        before: 0,
        count: 1000,
      });
    await eventually(() => read().status.state === 'done', 'the search in one peer');
    expect(read().matches.length).toBeGreaterThan(0);
    expect(read().matches.every((m) => m.peerId === newest.peerId)).toBe(true);
  });
});
