import type { appOperations } from '../../../shared/contract/ops/app-ops';
import type { HandlerTable } from './handler-types';

export const appHandlers: HandlerTable<keyof typeof appOperations> = {
  appInfo: (_request, { engine, services }) => ({
    version: services.version,
    mode: services.mode,
    logBudgetBytes: engine.log.budget,
    platform: process.platform,
  }),
};
