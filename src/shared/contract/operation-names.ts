/**
 * The operation names alone, without their schemas, for the preload bridge:
 * it needs the names to build one function each, not zod. A type check in
 * operations.ts keeps this list and the schema table identical.
 */
export const OPERATION_NAMES = [
  'openEndpoint',
  'closeEndpoint',
  'removeEndpoint',
  'reconnectEndpoint',
  'reopenEndpoint',
  'listEndpoints',
  'listPeers',
  'send',
  'disconnectPeer',
  'readLog',
  'ackEvents',
  'logRows',
  'logRowCount',
  'logStream',
  'startLogSearch',
  'readLogSearch',
  'startLogFilter',
  'cancelLogScan',
  'closeLogScan',
  'appInfo',
  'sendPayload',
  'cancelSend',
  'listLibrary',
  'saveLibraryItem',
  'renameLibraryItem',
  'duplicateLibraryItem',
  'deleteLibraryItem',
  'importLibrary',
  'exportLibrary',
  'exportLog',
  'setLogBudget',
  'logStatus',
  'joinGroup',
  'leaveGroup',
  'setUdpOptions',
  'listInterfaces',
  'chooseFile',
  'uploadFile',
  'setRelayDisturbance',
  'relayInject',
  'relayAction',
  'pickPayloadFile',
  'registerPayloadFile',
  'describePayloadFile',
  'previewPayload',
  'startCapture',
  'stopCapture',
] as const;

/** The one IPC channel prefix; the main process refuses every other. */
export const CHANNEL_PREFIX = 'wirebench:';
export const EVENTS_CHANNEL = `${CHANNEL_PREFIX}events`;
