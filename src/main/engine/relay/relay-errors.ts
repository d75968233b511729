import type { RelayDirection } from '../../../shared/contract';

const LABEL: Record<RelayDirection, string> = {
  'device-to-server': 'device → server',
  'server-to-device': 'server → device',
};

function mib(bytes: number): string {
  return `${+(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

/** The delay queue of a direction is full: what happens to the datagrams that follow. */
export function queueFullSentence(direction: RelayDirection, limitBytes: number): string {
  return `The relay's ${LABEL[direction]} queue is full (${mib(limitBytes)} waiting out the latency); datagrams are dropped and counted until it drains`;
}

/** The relay serves its most devices at once: older sessions now make room for new ones. */
export function sessionCapSentence(maxSessions: number, idleTimeoutMs: number): string {
  return `The relay serves at most ${maxSessions} devices at once: each new device now ends the session of the least recently active one (sessions also end after ${idleTimeoutMs / 1000} s without a datagram)`;
}
