import type { exportOperations } from '../../../shared/contract/ops/export-ops';
import { buildExport } from '../../engine/capture/log-export';
import type { HandlerTable } from './handler-types';

export const exportHandlers: HandlerTable<keyof typeof exportOperations> = {
  exportLog: (request, { engine }) =>
    buildExport(engine.get(request.endpointId), engine.log, request, Date.now() * 1000),
};
