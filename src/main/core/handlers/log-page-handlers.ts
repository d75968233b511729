import type { logPageOperations } from '../../../shared/contract/ops/log-page-ops';
import type { LogPages } from '../../engine/capture/log-pages';
import type { Engine } from '../../engine/engine';
import type { HandlerTable } from './handler-types';

/**
 * Paging, find and filters over the capture log (engine/capture/log-pages.ts).
 * Asking about a connection first checks that it exists (`pagesOf`), so a
 * wrong id is "There is no connection e9", not an empty page.
 */
export const logPageHandlers: HandlerTable<keyof typeof logPageOperations> = {
  logRows: (request, { engine }) => pagesOf(engine, request).rows(request),
  logRowCount: (request, { engine }) => pagesOf(engine, request).rowCount(request),
  logStream: (request, { engine }) => pagesOf(engine, request).stream(request),
  startLogSearch: (request, { engine }) => pagesOf(engine, request).startSearch(request),
  readLogSearch: (request, { engine }) => engine.pages.readSearch(request),
  startLogFilter: (request, { engine }) => pagesOf(engine, request).startFilter(request),
  cancelLogScan: ({ scanId }, { engine }) => engine.pages.cancel(scanId),
  closeLogScan: ({ scanId }, { engine }) => {
    engine.pages.close(scanId);
    return {};
  },
};

/** The log's pages, once the connection asked about is known to exist (else it throws not-found). */
function pagesOf(engine: Engine, request: { endpointId: string }): LogPages {
  engine.get(request.endpointId);
  return engine.pages;
}
