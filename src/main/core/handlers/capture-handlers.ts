import type { captureOperations, LogStatus } from '../../../shared/contract/ops/capture-ops';
import { logBudgetLimit } from '../../engine/capture/log-budget';
import type { Engine } from '../../engine/engine';
import { EndpointError } from '../../engine/system-errors';
import { msg } from '../../../shared/messages/catalogue';
import type { HandlerTable } from './handler-types';

/** The capture log as the window sees it: budget, fill, and what was evicted. */
function logStatus(engine: Engine): LogStatus {
  return {
    budgetBytes: engine.log.budget,
    budgetLimitBytes: logBudgetLimit(engine.totalMemoryBytes),
    usedBytes: engine.log.usedBytes,
    chunks: engine.log.size,
    evicted: engine.log.droppedAll(),
    capturesDir: engine.captures.dir,
    captures: engine.captures.statuses(),
  };
}

export const captureHandlers: HandlerTable<keyof typeof captureOperations> = {
  // Lowering the budget evicts at once; each endpoint that lost chunks gets an 'evicted' event.
  // More than the machine can give is clamped, and the result says so.
  setLogBudget: ({ bytes }, { engine }) => {
    const clamped = engine.setLogBudget(bytes);
    return clamped ? { ...logStatus(engine), clamped } : logStatus(engine);
  },
  logStatus: (_request, { engine }) => logStatus(engine),
  // The file's path is chosen by the main process; the request names only the connection.
  startCapture: ({ endpointId }, { engine }) => {
    engine.get(endpointId);
    return engine.captures.start(endpointId);
  },
  stopCapture: async ({ endpointId }, { engine }) => {
    const status = await engine.captures.stop(endpointId);
    if (!status) {
      throw new EndpointError(msg('capture.nothing-to-stop', { id: endpointId }), 'wrong-state');
    }
    return status;
  },
};
