import type { Direction, EndpointInfo } from '../../../shared/contract';
import { RELAY_LOG_LABELS } from '../../../shared/contract/relay-labels';

/** RX/TX for most kinds; a relay's log reads "device → server" / "server → device". */
export function directionLabel(endpoint: EndpointInfo, dir: Direction): string {
  return endpoint.spec.kind === 'relay' ? RELAY_LOG_LABELS[dir] : dir.toUpperCase();
}
