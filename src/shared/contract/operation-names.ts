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
  'listEndpoints',
  'send',
  'disconnectPeer',
  'readLog',
  'ackEvents',
  'appInfo',
  'sendPayload',
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
  'sendTo',
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
  'startPeriodic',
  'stopPeriodic',
  'setAutoReply',
  'runSequence',
  'stopSequence',
  'listAutomation',
  'saveSequence',
] as const;

/** The one IPC channel prefix; the main process refuses every other. */
export const CHANNEL_PREFIX = 'wirebench:';
export const EVENTS_CHANNEL = `${CHANNEL_PREFIX}events`;
