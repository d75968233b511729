import { RELAY_LOG_LABELS, type Direction, type EndpointInfo } from '../../../shared/contract';

/** RX/TX for most kinds; a relay's log reads "device → server" / "server → device". */
export function directionLabel(endpoint: EndpointInfo, dir: Direction): string {
  return endpoint.spec.kind === 'relay' ? RELAY_LOG_LABELS[dir] : dir.toUpperCase();
}
