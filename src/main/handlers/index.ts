import type { OperationName } from '../../shared/contract';
import { appHandlers } from './app-handlers';
import { endpointHandlers } from './endpoint-handlers';
import type { HandlerTable } from './handler-types';
import { logHandlers } from './log-handlers';
import { udpHandlers } from './udp-handlers';

/** Every operation's handler; the type fails to compile when one is missing. */
export const handlers: HandlerTable<OperationName> = {
  ...endpointHandlers,
  ...logHandlers,
  ...appHandlers,
  ...udpHandlers,
};
