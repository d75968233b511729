import type { captureOperations, LogStatus } from '../../shared/contract/ops/capture-ops';
import type { Engine } from '../engine/engine';
import type { HandlerTable } from './handler-types';

/** The capture log as the window sees it: budget, fill, and what was evicted. */
function logStatus(engine: Engine): LogStatus {
  return {
    budgetBytes: engine.log.budget,
    usedBytes: engine.log.usedBytes,
    chunks: engine.log.size,
    evicted: engine.log.droppedAll(),
  };
}

export const captureHandlers: HandlerTable<keyof typeof captureOperations> = {
  // Lowering the budget evicts at once; each endpoint that lost chunks gets an 'evicted' event.
  setLogBudget: ({ bytes }, { engine }) => {
    engine.log.setBudget(bytes);
    return logStatus(engine);
  },
  logStatus: (_request, { engine }) => logStatus(engine),
};
