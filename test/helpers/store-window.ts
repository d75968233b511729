import type { EventBatch } from '../../src/shared/contract';
import { decodeMessage, encodeMessage } from '../../src/shared/wire/binary-json';
import type { Router } from '../../src/main/core/router';
import { afterBatch } from '../../src/renderer/store/apply-events';
import { useWorkbench, type WorkbenchState } from '../../src/renderer/store/store';

/** A window as the router sees one, with the store it would show (for tests that read what a window shows). */
export interface StoreWindow {
  state(): WorkbenchState;
  /** The encoded size of every batch it was sent, in order. */
  bytes: number[];
  close(): void;
}

/**
 * One more window on `router`: its own store state, fed every batch as the
 * transports encode it, by the renderer's own apply-events, acknowledged
 * on the next turn as a window that keeps up does.
 */
export function openStoreWindow(router: Router): StoreWindow {
  let state = useWorkbench.getInitialState();
  const bytes: number[] = [];
  const subscription = router.subscribe((batch) => {
    const wire = encodeMessage(batch);
    bytes.push(wire.byteLength);
    state = afterBatch(state, decodeMessage(wire) as EventBatch);
    setImmediate(() => subscription.ack(batch.seq));
  });
  return { state: () => state, bytes, close: () => subscription.dispose() };
}
