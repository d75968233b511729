import { Engine } from './engine/engine';
import { Router } from './router';
import type { BackendServices } from './handlers/handler-types';
import type { BatcherOptions } from './event-batcher';

export interface Backend {
  engine: Engine;
  router: Router;
  dispose(): Promise<void>;
}

/** The engine and the router, wired: what both the Electron app and the browser mode run. */
export function createBackend(
  services: BackendServices,
  options: { logBudgetBytes?: number; batcher?: BatcherOptions; dataDir?: string | null } = {},
): Backend {
  const router = new Router(services, options.batcher);
  const engine = new Engine({
    sink: router,
    logBudgetBytes: options.logBudgetBytes,
    dataDir: options.dataDir,
  });
  router.attach(engine);
  return { engine, router, dispose: () => engine.dispose() };
}
