import type { logPageOperations } from '../../../shared/contract/ops/log-page-ops';
import type { HandlerTable } from './handler-types';

/**
 * Paging, find and filters over the capture log (engine/capture/log-pages.ts).
 * Asking about a connection first checks that it exists, so a wrong id is
 * "There is no connection e9", not an empty page.
 */
export const logPageHandlers: HandlerTable<keyof typeof logPageOperations> = {
  logRows: (request, { engine }) => {
    engine.get(request.endpointId);
    return engine.pages.rows(request);
  },
  logRowCount: (request, { engine }) => {
    engine.get(request.endpointId);
    return engine.pages.rowCount(request);
  },
  logStream: (request, { engine }) => {
    engine.get(request.endpointId);
    return engine.pages.stream(request);
  },
  startLogSearch: (request, { engine }) => {
    engine.get(request.endpointId);
    return engine.pages.startSearch(request);
  },
  readLogSearch: (request, { engine }) => engine.pages.readSearch(request),
  startLogFilter: (request, { engine }) => {
    engine.get(request.endpointId);
    return engine.pages.startFilter(request);
  },
  cancelLogScan: ({ scanId }, { engine }) => engine.pages.cancel(scanId),
  closeLogScan: ({ scanId }, { engine }) => {
    engine.pages.close(scanId);
    return {};
  },
};
