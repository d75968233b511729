import type { OperationName } from '../../shared/contract';
import { appHandlers } from './app-handlers';
import { captureHandlers } from './capture-handlers';
import { endpointHandlers } from './endpoint-handlers';
import type { HandlerTable } from './handler-types';
import { logHandlers } from './log-handlers';

/** Every operation's handler; the type fails to compile when one is missing. */
export const handlers: HandlerTable<OperationName> = {
  ...endpointHandlers,
  ...logHandlers,
  ...appHandlers,
  ...captureHandlers,
};
