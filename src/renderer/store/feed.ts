import type { EventBatch, WirebenchApi } from '../../shared/contract';
import { afterBatch, afterSnapshot } from './apply-events';
import { afterAutomationSnapshot } from './slices/automation';
import { passLiveChunks } from './live-chunks';
import { useWorkbench } from './store';
import { startWorkspaceSync } from './workspace-sync';

/**
 * The one place the store is fed from the main process's events: the app's
 * facts and the current endpoints first, then every event batch, each
 * acknowledged once applied (the main process holds back when a window
 * falls behind). The log's bytes are not kept from here: views page them
 * from the capture log (store/log-pages/); the live chunks only pass by,
 * for the Terminal (store/live-chunks.ts). `nextFrame` runs a function
 * after the next frame is drawn (requestAnimationFrame in a window).
 */
export async function startFeed(
  api: WirebenchApi,
  nextFrame: (then: () => void) => void,
): Promise<() => void> {
  const early: EventBatch[] = [];
  let loaded = false;
  const apply = (batch: EventBatch): void => {
    useWorkbench.setState((s) => afterBatch(s, batch));
    for (const event of batch.events) if (event.type === 'chunks') passLiveChunks(event.chunks);
  };
  // Acknowledged after the next frame, not on receipt: a window busy rendering
  // (or hidden, where frames stop) then holds the main process back instead of
  // piling up work it cannot paint.
  const ackAfterFrame = (seq: number): void => {
    nextFrame(() => setTimeout(() => void api.ackEvents({ seq }), 0));
  };
  const unsubscribe = api.onEvents((batch) => {
    if (loaded) apply(batch);
    else early.push(batch);
    ackAfterFrame(batch.seq);
  });

  const info = await api.appInfo({});
  if (info.ok) useWorkbench.setState({ appInfo: info.value });
  const list = await api.listEndpoints({});
  if (list.ok) useWorkbench.setState((s) => afterSnapshot(s, list.value));
  const automation = await api.listAutomation({});
  if (automation.ok) useWorkbench.setState((s) => afterAutomationSnapshot(s, automation.value));
  loaded = true;
  for (const batch of early) apply(batch);
  // After the endpoints: the restored tabs' drafts and views apply to tabs the store has.
  const stopSync = await startWorkspaceSync(api);
  return () => {
    stopSync();
    unsubscribe();
  };
}
