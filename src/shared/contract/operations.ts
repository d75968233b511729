import type { z } from 'zod';
import type { OPERATION_NAMES } from './operation-names';
import { appOperations } from './ops/app-ops';
import { automationOperations } from './ops/automation-ops';
import { captureOperations } from './ops/capture-ops';
import { endpointOperations } from './ops/endpoint-ops';
import { libraryOperations } from './ops/library-ops';
import { exportOperations } from './ops/export-ops';
import { logOperations } from './ops/log-ops';
import { logPageOperations } from './ops/log-page-ops';
import { payloadFileOperations } from './ops/payload-file-ops';
import { payloadOperations } from './ops/payload-ops';
import { udpOperations } from './ops/udp-ops';
import { relayOperations } from './ops/relay-ops';
import { tlsOperations } from './ops/tls-ops';
import { workspaceOperations } from './ops/workspace-ops';

/**
 * Every operation the renderer may ask of the main process: its name, the
 * schema its request must pass, and the schema of its result. The preload
 * bridge, the WebSocket client and the router are all built from this
 * table; each feature keeps its own part in ops/.
 */
export const operations = {
  ...endpointOperations,
  ...logOperations,
  ...logPageOperations,
  ...appOperations,
  ...payloadOperations,
  ...libraryOperations,
  ...exportOperations,
  ...captureOperations,
  ...udpOperations,
  ...tlsOperations,
  ...relayOperations,
  ...payloadFileOperations,
  ...workspaceOperations,
  ...automationOperations,
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type RequestOf<K extends OperationName> = z.input<Operations[K]['request']>;
export type ParsedRequestOf<K extends OperationName> = z.output<Operations[K]['request']>;
export type ResultOf<K extends OperationName> = z.output<Operations[K]['result']>;

export const operationNames = Object.keys(operations) as OperationName[];

// Compile-time proof that the preload's list of names is exactly this table's keys.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: Same<(typeof OPERATION_NAMES)[number], OperationName> = true;
void namesMatch;

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(operations, name);
}
