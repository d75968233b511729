import type { RelayDirection } from '../../../shared/contract';
import { msg, type MessageRef } from '../../../shared/messages/catalogue';

const DIRECTION = {
  'device-to-server': 'relay.direction.device-to-server',
  'server-to-device': 'relay.direction.server-to-device',
} as const;

/** The delay queue of a direction is full: what happens to the datagrams that follow. */
export function queueFull(direction: RelayDirection, limitBytes: number): MessageRef {
  return msg('relay.queue-full', { direction: msg(DIRECTION[direction], {}), limit: limitBytes });
}

/** The relay serves its most devices at once: older sessions now make room for new ones. */
export function sessionCap(maxSessions: number, idleTimeoutMs: number): MessageRef {
  return msg('relay.session-cap', { max: maxSessions, idleMs: idleTimeoutMs });
}
