import { describe, expect, it } from 'vitest';
import type { EndpointInfo, EventBatch } from '../../src/shared/contract';
import { decodeMessage } from '../../src/shared/wire/binary-json';
import { encodeEventBatch } from '../../src/shared/wire/event-wire';
import { DEFAULT_BATCHER_OPTIONS } from '../../src/main/core/batcher-options';
import { afterBatch } from '../../src/renderer/store/apply-events';
import { useWorkbench } from '../../src/renderer/store/store';
import { eventually } from '../helpers/peers';
import { useScratch } from '../helpers/scratch';
import { scratchBackend } from '../helpers/backend-harness';
import { batches, frame, pythonSender } from '../helpers/udp-peers';
import { must } from '../helpers/result';

/**
 * A window that was behind while a connection it was never told the end of
 * was removed: what it hears afterwards must not bring the connection back
 * into its store (the counts the log evicted meanwhile included).
 */
const scratch = useScratch('window-removed');

describe('a window behind when a connection is removed', () => {
  it('is told of the removal last: nothing of the connection comes back in its store', async () => {
    const b = scratchBackend(
      scratch,
      // One batch out at a time, and a log that evicts after 64 datagrams.
      { logBudgetBytes: 64 * 1100, batcher: { ...DEFAULT_BATCHER_OPTIONS, maxInflight: 1 } },
    );
    const delivered: EventBatch[] = [];
    const window = b.router.subscribe((batch) => {
      delivered.push(decodeMessage(encodeEventBatch(batch)) as EventBatch);
    });
    const ackAll = (): void => window.ack(delivered.at(-1)?.seq ?? 0);
    const info = (await must(
      b.router.handle('openEndpoint', { spec: { kind: 'udp', host: '127.0.0.1', port: 0 } }),
    )) as EndpointInfo;
    await eventually(() => delivered.length > 0, 'the first batch');
    ackAll();
    await eventually(
      () => delivered.some((d) => d.events.some((e) => e.type === 'endpoint')),
      'the window told of the endpoint',
    );
    // The window now holds one batch unacknowledged while Python's datagrams fill the log.
    const endpoint = b.engine.get(info.id);
    const datagrams = Array.from({ length: 300 }, (_, i) => Buffer.alloc(1000, i));
    const py = pythonSender('127.0.0.1', info.local!.port);
    scratch.track(py);
    let expected = 0;
    for (const batch of batches(datagrams)) {
      py.write(Buffer.concat(batch.map(frame)));
      expected += batch.length;
      await eventually(() => endpoint.counters.rxChunks >= expected, `${expected} datagrams`);
    }
    expect(b.engine.log.droppedFor(info.id).chunks).toBeGreaterThan(0);
    await must(b.router.handle('removeEndpoint', { endpointId: info.id }));
    // A later connection: once the window hears of it, whatever was pending at the removal went out.
    const later = (await must(
      b.router.handle('openEndpoint', { spec: { kind: 'udp', host: '127.0.0.1', port: 0 } }),
    )) as EndpointInfo;
    let acked = 0;
    await eventually(() => {
      if (delivered.length > acked) {
        acked = delivered.length;
        ackAll();
      }
      return delivered.some((d) =>
        d.events.some((e) => e.type === 'endpoint' && e.endpoint.id === later.id),
      );
    }, 'the window told of the removal and of the later connection');
    let state = useWorkbench.getInitialState();
    for (const batch of delivered) state = afterBatch(state, batch);
    expect(state.endpoints[info.id]).toBeUndefined();
    expect(state.live[info.id]).toBeUndefined();
    // What the window heard of the connection after it heard it was gone: nothing.
    const events = delivered.flatMap((d) => d.events);
    const removedAt = events.findIndex((e) => e.type === 'endpoint-removed');
    const after = events
      .slice(removedAt + 1)
      .filter((e) => 'endpointId' in e && e.endpointId === info.id);
    expect(after).toEqual([]);
    window.dispose();
  });
});
