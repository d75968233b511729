import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { framingSpec } from '../../src/shared/framing/framing-spec';
import { DEFAULT_PAYLOAD_SPEC } from '../../src/shared/payload/payload-spec';
import { afterBatch } from '../../src/renderer/store/apply-events';
import { startFeed } from '../../src/renderer/store/feed';
import { PAGE_ROWS } from '../../src/renderer/store/log-pages/page-cache';
import { RowPager } from '../../src/renderer/store/log-pages/row-pager';
import { ScanRunner } from '../../src/renderer/store/log-pages/scan-runner';
import {
  clearLog,
  rowAt,
  rowWindowOf,
  shownRange,
  updateFilter,
  updateLogUi,
  useWorkbench,
} from '../../src/renderer/store/store';
import { createInMemoryApi, type InMemoryApi } from '../helpers/in-memory-api';
import { must } from '../helpers/result';
import { eventually, spawnPeer, type PeerProcess } from '../helpers/peers';

/**
 * The window's one store, fed by store/feed.ts from the real router and
 * engine, with socat on a loopback socket as the device, and the log's
 * pagers asking main for rows as a shown view would. Nothing is rendered:
 * what a view shows must already be in the store, and the store never
 * holds a copy of the capture log.
 */
let bridge: InMemoryApi;
let stopFeed: () => void;
const running: Array<{ stop(): void }> = [];
const peers: PeerProcess[] = [];
const text = new TextDecoder();

beforeEach(async () => {
  useWorkbench.setState(useWorkbench.getInitialState(), true);
  bridge = createInMemoryApi();
  // The feed acknowledges a batch after the next frame; Node draws none, so at once.
  stopFeed = await startFeed(bridge.api, (then) => then());
});
afterEach(async () => {
  running.splice(0).forEach((r) => r.stop());
  stopFeed();
  peers.splice(0).forEach((p) => p.kill());
  await bridge.close();
});

/** A TCP listener, once the store knows it, and socat connected to it. */
async function serverWithPeer(): Promise<{ id: string; socat: PeerProcess }> {
  const server = await must(
    bridge.api.openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }),
  );
  await eventually(() => useWorkbench.getState().endpoints[server.id], 'the endpoint in the store');
  const socat = spawnPeer('socat', ['-u', '-', `TCP:127.0.0.1:${server.local!.port}`]);
  peers.push(socat);
  await eventually(
    () => useWorkbench.getState().peers[server.id]?.rows.size === 1,
    'the peer in the store',
  );
  return { id: server.id, socat };
}

/** What a shown log panel runs: the row pager (following the tail) and the scan runner. */
function showLog(id: string): RowPager {
  const pager = new RowPager(bridge.api, id);
  const runner = new ScanRunner(bridge.api, id);
  pager.start();
  runner.start();
  pager.setFollow(true);
  running.push(pager, runner);
  return pager;
}

const window = (id: string) => rowWindowOf(useWorkbench.getState(), id);
/** The texts of the rows a view shows, as far as its cache has them. */
const shownTexts = (id: string): string[] => {
  const w = window(id);
  const { first, end } = shownRange(w);
  const out: string[] = [];
  for (let p = first; p < end; p++) {
    const row = rowAt(w, p);
    out.push(row ? text.decode(row.data) : '?');
  }
  return out;
};

describe('the store, fed from the main process', () => {
  it('pages the rows main framed and filtered, with nothing rendered', async () => {
    const { id, socat } = await serverWithPeer();
    showLog(id);
    updateLogUi(id, { framing: framingSpec.parse({ mode: 'delimiter', delimiter: ';' }) });
    socat.write(new TextEncoder().encode('one;two;three;'));
    await eventually(() => shownTexts(id).join(',') === 'one;,two;,three;', 'three framed rows');

    // "Only matches" asks main for a filter; the view then shows its rows.
    updateFilter(id, { pattern: 'two', onlyMatches: true });
    await eventually(() => shownTexts(id).join(',') === 'two;', 'the filtered row');
    expect(window(id).filterId).not.toBeNull();
    // The filter's row keeps its place in the whole view: row 1.
    expect(rowAt(window(id), shownRange(window(id)).first)?.row).toBe(1);

    // Raw framing again: one row per chunk, as main holds them.
    updateFilter(id, { pattern: '', onlyMatches: false });
    updateLogUi(id, { framing: framingSpec.parse({ mode: 'raw' }) });
    await eventually(() => shownTexts(id).join('') === 'one;two;three;', 'the raw rows');
  });

  it('rows placed from the live news, before main is asked, sit where main has them', async () => {
    const { id, socat } = await serverWithPeer();
    showLog(id);
    await eventually(() => window(id).key !== '', 'the view');
    const placed = new Map<number, number>();
    const unsubscribe = useWorkbench.subscribe((s) => {
      const w = s.rowWindows[id];
      for (const page of w?.pages.values() ?? []) {
        for (const row of page) if (row && row.streamOffset < 0) placed.set(row.position, row.seq);
      }
    });
    try {
      for (let i = 0; i < 30; i++) {
        socat.write(new TextEncoder().encode(`piece ${i};`));
        await eventually(
          () => useWorkbench.getState().endpoints[id]?.counters.rxChunks === i + 1,
          `piece ${i} counted`,
        );
      }
    } finally {
      unsubscribe();
    }
    expect(placed.size).toBeGreaterThan(0);
    const main = await must(
      bridge.api.logRows({ endpointId: id, anchor: { position: 0 }, count: 30, maxRowBytes: 0 }),
    );
    for (const [position, seq] of placed) expect(main.rows[position]?.seq).toBe(seq);
  });

  it('Clear hides the rows so far (main keeps them); new rows still come', async () => {
    const { id, socat } = await serverWithPeer();
    showLog(id);
    socat.write(new TextEncoder().encode('abc'));
    await eventually(() => shownTexts(id).join('') === 'abc', 'the first row');
    updateLogUi(id, { selected: 0, anchor: 0 });
    clearLog(id);
    expect(useWorkbench.getState().logUi[id]).toMatchObject({ selected: null, anchor: null });
    expect(shownRange(window(id))).toMatchObject({ first: 1, end: 1 });
    socat.write(new TextEncoder().encode('de'));
    await eventually(() => shownTexts(id).join('') === 'de', 'only the new row after Clear');
    const all = await must(bridge.api.logRowCount({ endpointId: id }));
    expect(all.total).toBe(2);
  });

  it('a removed endpoint takes its window, scans and log settings with it', async () => {
    const { id, socat } = await serverWithPeer();
    showLog(id);
    updateLogUi(id, { view: 'hex' });
    updateFilter(id, { pattern: 'x' });
    socat.write(new TextEncoder().encode('x'));
    await eventually(() => window(id).total === 1, 'one row');
    await eventually(() => useWorkbench.getState().logScans[id]?.search, 'the search');
    await must(bridge.api.removeEndpoint({ endpointId: id }));
    await eventually(() => !useWorkbench.getState().endpoints[id], 'the endpoint gone');
    const s = useWorkbench.getState();
    expect([s.live[id], s.rowWindows[id], s.logScans[id], s.logUi[id]]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(s.order).not.toContain(id);
  });

  it('a search counts what came after it started, once the bytes stop for a moment', async () => {
    const { id, socat } = await serverWithPeer();
    showLog(id);
    updateFilter(id, { pattern: 'needle' });
    socat.write(new TextEncoder().encode('a needle;'));
    const found = () => useWorkbench.getState().logScans[id]?.search?.status;
    await eventually(() => found()?.state === 'done' && found()?.found === 1, 'the first needle');
    socat.write(new TextEncoder().encode('another needle;'));
    await eventually(() => found()?.state === 'done' && found()?.found === 2, 'both needles');
  });

  it('a log panel no longer shown lets go of its page cache', async () => {
    const { id, socat } = await serverWithPeer();
    const pager = showLog(id);
    socat.write(new TextEncoder().encode('abc'));
    await eventually(() => shownTexts(id).join('') === 'abc', 'the row');
    pager.stop();
    expect(useWorkbench.getState().rowWindows[id]).toBeUndefined();
  });

  it("a send's progress reaches the store with no component listening", async () => {
    const { id, socat } = await serverWithPeer();
    // socat -u never reads what it is sent: the send stalls once the kernel's buffers are full.
    const size = 32 * 1024 * 1024;
    const sending = bridge.api.sendPayload({
      endpointId: id,
      peerId: 'all',
      spec: { ...DEFAULT_PAYLOAD_SPEC, source: '{{random:65536}}'.repeat(size / 65536) },
      counter: 0,
      sendId: 'stalled',
    });
    const progress = await eventually(
      () => useWorkbench.getState().sendProgress[id],
      'progress in the store',
    );
    expect(progress).toMatchObject({ sendId: 'stalled', total: size });
    expect(progress.sent).toBeGreaterThan(0);
    socat.kill();
    await sending;
    await eventually(
      () => useWorkbench.getState().sendProgress[id] === undefined,
      'the send ended',
    );
  });
});

describe('what the store keeps of the live events', () => {
  /** Every byte array reachable from the store's state, in bytes. */
  function bytesHeld(value: unknown, seen = new Set<unknown>()): number {
    if (value === null || typeof value !== 'object' || seen.has(value)) return 0;
    seen.add(value);
    if (ArrayBuffer.isView(value)) return value.byteLength;
    let n = 0;
    const items = value instanceof Map ? [...value.values()] : Object.values(value);
    for (const v of items) n += bytesHeld(v, seen);
    return n;
  }

  it('news, not bytes: 64 MiB of chunk events leave no chunk bytes in the store', () => {
    let state = useWorkbench.getInitialState();
    const data = new Uint8Array(64 * 1024);
    let seq = 0;
    for (let batch = 1; batch <= 256; batch++) {
      const chunks = Array.from({ length: 4 }, () => ({
        seq: seq++,
        endpointId: 'e1',
        peerId: 'p1',
        dir: 'rx' as const,
        time: seq,
        data,
      }));
      state = afterBatch(state, { seq: batch, events: [{ type: 'chunks', chunks }] });
    }
    expect(bytesHeld(state)).toBe(0);
    expect(state.live['e1']).toMatchObject({ lastSeq: seq - 1, peers: ['p1'] });
  });

  it('an evicted or skipped count is news that tells the pager to look again', () => {
    const base = useWorkbench.getInitialState();
    const a = afterBatch(base, {
      seq: 1,
      events: [{ type: 'evicted', endpointId: 'e1', chunks: 5, bytes: 50 }],
    });
    const b = afterBatch(a, {
      seq: 2,
      events: [{ type: 'skipped', endpointId: 'e1', chunks: 2, bytes: 20 }],
    });
    expect(b.live['e1']!.tick).toBe(2);
    expect(b.live['e1']!.skipped).toEqual({ chunks: 2, bytes: 20 });
  });

  it('a page cache stays within its bound however far the view scrolls', async () => {
    const { id, socat } = await serverWithPeer();
    const pager = showLog(id);
    pager.setFollow(false);
    const lines = 20 * PAGE_ROWS * 3;
    let all = '';
    for (let i = 0; i < lines; i++) all += `${i};`;
    updateLogUi(id, { framing: framingSpec.parse({ mode: 'delimiter', delimiter: ';' }) });
    socat.write(new TextEncoder().encode(all));
    await eventually(() => window(id).total === lines, 'every line framed');
    for (let at = 0; at < lines; at += PAGE_ROWS * 2) {
      pager.want(at, at + 40);
      await eventually(() => rowAt(window(id), at + 39), `rows at ${at}`);
      expect(text.decode(rowAt(window(id), at)!.data)).toBe(`${at};`);
    }
    expect(window(id).pages.size).toBeLessThanOrEqual(40);
  });
});
