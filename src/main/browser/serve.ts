import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../core/backend';
import { startBrowserServer } from './browser-server';
import { defaultDataDir } from '../library/data-dir';
import { LibraryStore } from '../library/library-store';
import { PayloadFileRegistry } from '../payload/file-registry';
import { KeptFiles } from '../payload/kept-files';
import { APP_VERSION } from '../core/version';
import type { BackendServices } from '../core/handlers/handler-types';
import { createWorkspace, testHoldBeforeRename } from '../workspace/create-workspace';
import {
  installLastResort,
  lastResortLog,
  LOG_FILE_NAME,
  unexpectedFailureEvent,
} from '../core/last-resort';

/**
 * `npm run serve`: Wirebench in a browser. The same router and engine as the
 * desktop app, over HTTP and a WebSocket on loopback, behind a token.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
      token: { type: 'string' },
      'log-budget-mib': { type: 'string' },
      /** Where generated TLS certificates are kept for reuse; memory only when absent. */
      'data-dir': { type: 'string' },
      'captures-dir': { type: 'string' },
      /** A workspace file to open at start instead of the one saved in the data folder. */
      workspace: { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port ${values.port} is not a port from 0 to 65535`);
  }
  const budgetMiB = values['log-budget-mib'] ? Number(values['log-budget-mib']) : undefined;
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const services: BackendServices = {
    version: APP_VERSION,
    mode: 'browser',
    library: new LibraryStore(dataDir),
    payloadFiles: new PayloadFileRegistry(new KeptFiles(path.join(dataDir, 'payload-files'))),
  };
  const backend = createBackend(services, {
    logBudgetBytes: budgetMiB ? budgetMiB * 1024 * 1024 : undefined,
    dataDir,
    capturesDir: values['captures-dir'] ? path.resolve(values['captures-dir']) : undefined,
    warmLog: true,
  });
  const logFile = path.join(dataDir, LOG_FILE_NAME);
  installLastResort(
    lastResortLog({
      file: logFile,
      notify: () => backend.router.event(unexpectedFailureEvent(logFile)),
    }),
  );
  const workspace = createWorkspace(backend, dataDir, testHoldBeforeRename());
  services.workspace = workspace;
  await workspace.start(values.workspace ? path.resolve(values.workspace) : undefined);
  const server = await startBrowserServer({
    router: backend.router,
    rendererDir: path.join(__dirname, '../renderer'),
    host: values.host,
    port,
    token: values.token,
  });
  if (!['127.0.0.1', '::1', 'localhost'].includes(values.host ?? '')) {
    console.log(
      `Warning: listening on ${values.host}, not only this machine; anyone with the token can drive it.`,
    );
  }
  if (backend.engine.logBudgetNote) console.log(backend.engine.logBudgetNote);
  console.log(`Wirebench browser mode: ${server.url}`);
  const stop = async (): Promise<void> => {
    await workspace.flush();
    await backend.dispose();
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: Error) => {
  console.error(`Wirebench could not start: ${err.message}`);
  process.exit(1);
});
