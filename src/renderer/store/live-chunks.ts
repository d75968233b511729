import type { Chunk } from '../../shared/contract';

/**
 * The live chunks as they pass, for a view that is a stream by nature (the
 * Terminal): feed.ts hands each batch's chunks here and keeps none. A
 * listener takes what it needs and holds its own bounded queue.
 */
type Listener = (chunks: readonly Chunk[]) => void;

const listeners = new Map<string, Set<Listener>>();

/** Calls `listener` with each batch's chunks of one connection; returns the unsubscribe. */
export function onLiveChunks(endpointId: string, listener: Listener): () => void {
  let set = listeners.get(endpointId);
  if (!set) listeners.set(endpointId, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) listeners.delete(endpointId);
  };
}

/** Hands a batch's chunks to whoever listens (only feed.ts calls this). */
export function passLiveChunks(chunks: readonly Chunk[]): void {
  if (listeners.size === 0) return;
  let from = 0;
  for (let i = 1; i <= chunks.length; i++) {
    if (i < chunks.length && chunks[i]!.endpointId === chunks[from]!.endpointId) continue;
    const set = listeners.get(chunks[from]!.endpointId);
    if (set) {
      const run = chunks.slice(from, i);
      for (const l of set) l(run);
    }
    from = i;
  }
}
