import type { EventBatch, WirebenchApi } from '../../shared/contract';
import { appendChunks, applyBatch, rememberPeers } from './apply-events';
import { emptyLog, useWorkbench } from './store';

/**
 * The one place the store is fed from the main process: the current
 * endpoints and their logs first, then every event batch, each acknowledged
 * once applied (the main process holds back when a window falls behind).
 */
export async function startFeed(api: WirebenchApi): Promise<() => void> {
  const early: EventBatch[] = [];
  let loaded = false;
  // Acknowledged after the next frame, not on receipt: a window busy rendering
  // (or hidden, where frames stop) then holds the main process back instead of
  // piling up work it cannot paint.
  const ackAfterFrame = (seq: number): void => {
    requestAnimationFrame(() => setTimeout(() => void api.ackEvents({ seq }), 0));
  };
  const unsubscribe = api.onEvents((batch) => {
    if (loaded) applyBatch(batch);
    else early.push(batch);
    ackAfterFrame(batch.seq);
  });

  const info = await api.appInfo({});
  if (info.ok) useWorkbench.setState({ appInfo: info.value });
  const list = await api.listEndpoints({});
  if (list.ok) {
    const logs = await Promise.all(
      list.value.map((e) => api.readLog({ endpointId: e.id, afterSeq: -1, limit: 100_000 })),
    );
    useWorkbench.setState((prev) => {
      const state = { ...prev, endpoints: { ...prev.endpoints }, logs: { ...prev.logs } };
      list.value.forEach((endpoint, i) => {
        state.endpoints[endpoint.id] = endpoint;
        rememberPeers(state, endpoint);
        if (!state.order.includes(endpoint.id)) state.order = [...state.order, endpoint.id];
        const log = (state.logs[endpoint.id] = emptyLog());
        const read = logs[i];
        if (read?.ok) {
          log.evicted = { chunks: read.value.droppedChunks, bytes: read.value.droppedBytes };
          appendChunks(state, read.value.chunks);
        }
      });
      state.activeId ??= state.order[0] ?? null;
      return { ...state, connected: true };
    });
  }
  loaded = true;
  for (const batch of early) applyBatch(batch);
  return unsubscribe;
}
