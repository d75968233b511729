import type { logOperations } from '../../../shared/contract/ops/log-ops';
import type { HandlerTable } from './handler-types';

export const logHandlers: HandlerTable<keyof typeof logOperations> = {
  readLog: ({ endpointId, afterSeq, limit }, { engine }) => {
    engine.get(endpointId); // a clear "no such connection" before reading
    const dropped = engine.log.droppedFor(endpointId);
    return {
      chunks: engine.log.read(endpointId, afterSeq, limit),
      droppedChunks: dropped.chunks,
      droppedBytes: dropped.bytes,
    };
  },
  ackEvents: ({ seq }, { subscription }) => {
    subscription?.ack(seq);
    return {};
  },
};
