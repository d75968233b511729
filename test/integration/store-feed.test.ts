import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { framingSpec } from '../../src/shared/framing/framing-spec';
import { DEFAULT_PAYLOAD_SPEC } from '../../src/shared/payload/payload-spec';
import { afterBatch } from '../../src/renderer/store/apply-events';
import { startFeed } from '../../src/renderer/store/feed';
import { updatedView } from '../../src/renderer/store/slices/log-messages';
import {
  clearLog,
  defaultLogUi,
  updateFilter,
  updateLogUi,
  useWorkbench,
} from '../../src/renderer/store/store';
import { createInMemoryApi, type InMemoryApi } from '../helpers/in-memory-api';
import { must } from '../helpers/result';
import { eventually, spawnPeer, type PeerProcess } from '../helpers/peers';

/**
 * The window's one store, fed by store/feed.ts from the real router and
 * engine, with socat on a loopback socket as the device. Nothing is
 * rendered: whatever a view shows must already be in the store.
 */
let bridge: InMemoryApi;
let stopFeed: () => void;
const peers: PeerProcess[] = [];
const text = new TextDecoder();

beforeEach(async () => {
  useWorkbench.setState(useWorkbench.getInitialState(), true);
  bridge = createInMemoryApi();
  // The feed acknowledges a batch after the next frame; Node draws none, so at once.
  stopFeed = await startFeed(bridge.api, (then) => then());
});
afterEach(async () => {
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
    () => useWorkbench.getState().endpoints[server.id]?.peers.length === 1,
    'the peer in the store',
  );
  return { id: server.id, socat };
}

const view = (id: string) => useWorkbench.getState().messages[id]!;
const messageTexts = (id: string): string[] => {
  const { log } = view(id);
  const out: string[] = [];
  for (let o = log.start; o < log.end; o++) out.push(text.decode(log.at(o)!.data));
  return out;
};

describe('the store, fed from the main process', () => {
  it('frames and indexes what a peer sent as each batch is applied, with nothing rendered', async () => {
    const { id, socat } = await serverWithPeer();
    updateLogUi(id, { framing: framingSpec.parse({ mode: 'delimiter', delimiter: ';' }) });
    socat.write(new TextEncoder().encode('one;two;three;'));
    await eventually(() => view(id).log.end === 3, 'three framed messages');
    expect(messageTexts(id)).toEqual(['one;', 'two;', 'three;']);

    // A new filter is indexed in the same update, not at the next render.
    updateFilter(id, { pattern: 'two' });
    expect(view(id).index.matches).toEqual([1]);
    updateFilter(id, { onlyMatches: true });
    expect(view(id).index.visible).toEqual([1]);

    // A new framing re-frames the rows held, at once.
    updateLogUi(id, { framing: framingSpec.parse({ mode: 'raw' }) });
    expect(messageTexts(id).join('')).toBe('one;two;three;');
  });

  it('builds the stream a view asks for, keeps it fed, and restarts it after Clear', async () => {
    const { id, socat } = await serverWithPeer();
    updateLogUi(id, { source: 'rx' });
    const stream = view(id).streams.rx!;
    socat.write(new TextEncoder().encode('abc'));
    await eventually(() => stream.length === 3, 'three bytes in the RX stream');
    expect(text.decode(stream.slice(0, 3))).toBe('abc');

    updateLogUi(id, { selected: 0, anchor: 0 });
    clearLog(id);
    expect(view(id).log.end - view(id).log.start).toBe(0);
    expect(useWorkbench.getState().logUi[id]).toMatchObject({ selected: null, anchor: null });
    expect(view(id).streams.rx!.length).toBe(0);
    socat.write(new TextEncoder().encode('de'));
    await eventually(() => view(id).streams.rx!.length === 2, 'only the new bytes after Clear');
  });

  it('a removed endpoint takes its rows, messages and log settings with it', async () => {
    const { id, socat } = await serverWithPeer();
    updateLogUi(id, { view: 'hex' });
    socat.write(new TextEncoder().encode('x'));
    await eventually(() => view(id).log.end === 1, 'one message');
    await must(bridge.api.removeEndpoint({ endpointId: id }));
    await eventually(() => !useWorkbench.getState().endpoints[id], 'the endpoint gone');
    const s = useWorkbench.getState();
    expect([s.logs[id], s.messages[id], s.logUi[id]]).toEqual([undefined, undefined, undefined]);
    expect(s.order).not.toContain(id);
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

describe('deriving the messages', () => {
  it('is idempotent: deriving again from the same rows changes nothing and keeps the object', () => {
    const ui = defaultLogUi();
    const rows = [0, 1, 2].map((seq) => ({
      seq,
      endpointId: 'e1',
      peerId: 'p1',
      dir: 'rx' as const,
      time: seq,
      data: new Uint8Array([seq]),
    }));
    const first = updatedView(undefined, ui, rows);
    expect(first.log.end).toBe(3);
    expect(updatedView(first, ui, rows)).toBe(first);
    expect(first.log.end).toBe(3);
  });

  it('an event that adds no rows leaves the messages object as it was', () => {
    const base = useWorkbench.getInitialState();
    const withChunks = afterBatch(base, {
      seq: 1,
      events: [
        {
          type: 'chunks',
          chunks: [
            {
              seq: 0,
              endpointId: 'e1',
              peerId: 'p',
              dir: 'rx',
              time: 1,
              data: new Uint8Array([1]),
            },
          ],
        },
      ],
    });
    const evicted = afterBatch(withChunks, {
      seq: 2,
      events: [{ type: 'evicted', endpointId: 'e1', chunks: 5, bytes: 50 }],
    });
    expect(evicted.logs['e1']!.evicted).toEqual({ chunks: 5, bytes: 50 });
    expect(evicted.messages['e1']).toBe(withChunks.messages['e1']);
  });
});
