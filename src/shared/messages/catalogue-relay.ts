import type { ParamKind } from './catalogue';

/**
 * The relay between a device and its server: its state line, what it
 * refuses, and what goes wrong on its way (`route` is device → server as
 * addresses; `reason` is a socket.* or tls.* message).
 */
export const relayCatalogue = {
  'relay.direction.device-to-server': {},
  'relay.direction.server-to-device': {},
  'relay.queue-full': { direction: 'message', limit: 'bytes' },
  'relay.session-cap': { max: 'count', idleMs: 'ms' },
  'relay.socket-error': { detail: 'text' },
  'relay.session-failed': { peer: 'text', reason: 'message' },
  'relay.conversation-failed': { route: 'text', reason: 'message' },
  'relay.cannot-drop-tcp': {},
  'relay.cannot-stall-udp': {},
  'relay.udp-no-connection': {},
  'relay.conversation-not-open': { peer: 'text' },
  'relay.no-device': {},
  'relay.device-unknown': { peer: 'text' },
  'relay.not-a-relay': { id: 'text' },
  'state.relaying-tcp': { local: 'text', target: 'text' },
  'state.relaying-tls': { local: 'text', target: 'text' },
  'state.relaying-udp': { local: 'text', target: 'text' },
  'state.stopped-relaying': {},
} as const satisfies Record<string, Record<string, ParamKind>>;
