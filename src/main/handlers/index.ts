import type { OperationName } from '../../shared/contract';
import { appHandlers } from './app-handlers';
import { endpointHandlers } from './endpoint-handlers';
import type { HandlerTable } from './handler-types';
import { logHandlers } from './log-handlers';
import { relayHandlers } from './relay-handlers';
import { tlsHandlers } from './tls-handlers';

/** Every operation's handler; the type fails to compile when one is missing. */
export const handlers: HandlerTable<OperationName> = {
  ...endpointHandlers,
  ...logHandlers,
  ...appHandlers,
  ...tlsHandlers,
  ...relayHandlers,
};
