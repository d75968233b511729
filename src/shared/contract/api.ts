import type { EventBatch } from './events';
import type { OperationName, RequestOf, ResultOf } from './operations';
import type { Result } from './result';

/**
 * The surface the renderer sees as `window.wirebench`: one function per
 * operation (never a generic invoke), and one subscription that returns its
 * own unsubscribe function. The preload bridge and the browser-mode
 * WebSocket client both implement it.
 */
export type WirebenchApi = {
  [K in OperationName]: (request: RequestOf<K>) => Promise<Result<ResultOf<K>>>;
} & {
  onEvents(listener: (batch: EventBatch) => void): () => void;
};
