import os from 'node:os';
import path from 'node:path';
import { Engine } from '../engine/engine';
import { KeptFiles } from '../payload/kept-files';
import { Router } from './router';
import type { BackendServices } from './handlers/handler-types';
import type { BatcherOptions } from './batcher-options';

export interface Backend {
  engine: Engine;
  router: Router;
  dispose(): Promise<void>;
}

/** The engine and the router, wired: what both the Electron app and the browser mode run. */
export function createBackend(
  services: BackendServices,
  options: {
    logBudgetBytes?: number;
    batcher?: BatcherOptions;
    dataDir?: string | null;
    capturesDir?: string;
    /** Map the capture log's memory in the background (the apps do; tests need not). */
    warmLog?: boolean;
    /** The machine's memory as the log budget's limit sees it (tests may say less). */
    totalMemoryBytes?: number;
    /** How long one search job may run before it is stopped as a runaway (tests say less). */
    scanJobLimitMs?: number;
  } = {},
): Backend {
  const router = new Router(services, options.batcher);
  const engine = new Engine({
    sink: router,
    logBudgetBytes: options.logBudgetBytes,
    dataDir: options.dataDir,
    // Beside payload-files/: TLS certificates and keys a workspace names by id.
    fileKeeper: options.dataDir
      ? new KeptFiles(path.join(options.dataDir, 'tls-files'))
      : undefined,
    capturesDir: options.capturesDir ?? defaultCapturesDir(),
    totalMemoryBytes: options.totalMemoryBytes,
    scanJobLimitMs: options.scanJobLimitMs,
  });
  router.attach(engine);
  if (options.warmLog) void engine.log.warmUp();
  return { engine, router, dispose: () => engine.dispose() };
}

/** Where captures to disk go unless the app says otherwise (Electron: under userData). */
export function defaultCapturesDir(): string {
  return path.join(os.homedir(), 'Wirebench', 'captures');
}
