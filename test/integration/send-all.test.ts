import { describe, expect, it } from 'vitest';
import { MAX_SLICE_ITEMS } from '../../src/main/engine/send-slices';
import { connectPeer, useBridgeAndPeers } from '../helpers/node-peers';
import { eventually } from '../helpers/peers';
import { must } from '../helpers/result';

/**
 * A send to every peer of a listener with thousands of them: every peer
 * gets the payload, the window sees the send's progress, and the writes
 * start a slice at a time, so the event loop turns (and other work runs)
 * while they go out.
 */
const PEERS = 2000;
const fixture = useBridgeAndPeers();
const { sockets } = fixture;

describe('send to all of thousands of peers', () => {
  it('reaches every peer, reports progress, and lets the event loop turn between slices', async () => {
    const info = await must(
      fixture.bridge.api.openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }),
    );
    for (let i = 0; i < PEERS; i += 100) {
      sockets.push(
        ...(await Promise.all(Array.from({ length: 100 }, () => connectPeer(info.local!.port)))),
      );
    }
    const endpoint = fixture.bridge.backend.engine.get(info.id);
    await eventually(() => endpoint.peerCount === PEERS, `${PEERS} peers`);

    // Turns of the event loop while the send runs, and how many writes had gone at each.
    const seen: number[] = [];
    let sending = true;
    const watch = (): void => {
      seen.push(endpoint.counters.txChunks);
      if (sending) setImmediate(watch);
    };
    setImmediate(watch);
    const result = await must(
      fixture.bridge.api.sendPayload({
        endpointId: info.id,
        peerId: 'all',
        spec: { mode: 'text', source: 'ping\\n' },
        sendId: 'to-all',
      }),
    );
    sending = false;
    expect(result).toMatchObject({ bytes: 5 * PEERS, peers: PEERS });

    await Promise.all(sockets.map((s) => s.waitFor(5)));
    for (const s of sockets) expect(s.received().toString()).toBe('ping\n');

    const progressOf = () =>
      fixture.bridge.events.flatMap((e) =>
        e.type === 'send-progress' && e.sendId === 'to-all' ? [e] : [],
      );
    // Events come in batches: the last one may follow the result by a batch.
    await eventually(() => progressOf().some((e) => e.done), 'the send-progress that says done');
    const progress = progressOf();
    const running = progress.filter((e) => !e.done);
    expect(running.length).toBeGreaterThan(10);
    expect(running.every((e, i) => i === 0 || e.sent > running[i - 1]!.sent)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ done: true, sent: 5 * PEERS, total: 5 * PEERS });
    // The loop turned while the writes were partly out: at least one turn per slice.
    const partway = new Set(seen.filter((n) => n > 0 && n < PEERS));
    expect(partway.size).toBeGreaterThanOrEqual(Math.ceil(PEERS / MAX_SLICE_ITEMS));
  });
});
