import type { OperationName } from '../../../shared/contract';
import { appHandlers } from './app-handlers';
import { automationHandlers } from './automation-handlers';
import { captureHandlers } from './capture-handlers';
import { endpointHandlers } from './endpoint-handlers';
import { exportHandlers } from './export-handlers';
import type { HandlerTable } from './handler-types';
import { libraryHandlers } from './library-handlers';
import { logHandlers } from './log-handlers';
import { logPageHandlers } from './log-page-handlers';
import { payloadFileHandlers } from './payload-file-handlers';
import { payloadHandlers } from './payload-handlers';
import { udpHandlers } from './udp-handlers';
import { relayHandlers } from './relay-handlers';
import { tlsHandlers } from './tls-handlers';
import { workspaceHandlers } from './workspace-handlers';

/** Every operation's handler; the type fails to compile when one is missing. */
export const handlers: HandlerTable<OperationName> = {
  ...endpointHandlers,
  ...logHandlers,
  ...logPageHandlers,
  ...appHandlers,
  ...payloadHandlers,
  ...libraryHandlers,
  ...exportHandlers,
  ...captureHandlers,
  ...udpHandlers,
  ...tlsHandlers,
  ...relayHandlers,
  ...payloadFileHandlers,
  ...workspaceHandlers,
  ...automationHandlers,
};
