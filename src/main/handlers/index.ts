import type { OperationName } from '../../shared/contract';
import { appHandlers } from './app-handlers';
import { endpointHandlers } from './endpoint-handlers';
import type { HandlerTable } from './handler-types';
import { libraryHandlers } from './library-handlers';
import { logHandlers } from './log-handlers';
import { payloadFileHandlers } from './payload-file-handlers';
import { payloadHandlers } from './payload-handlers';

/** Every operation's handler; the type fails to compile when one is missing. */
export const handlers: HandlerTable<OperationName> = {
  ...endpointHandlers,
  ...logHandlers,
  ...appHandlers,
  ...payloadHandlers,
  ...libraryHandlers,
  ...payloadFileHandlers,
};
