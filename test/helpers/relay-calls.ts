import type { RelayDirection, RequestOf } from '../../src/shared/contract';
import type { WirebenchApi } from '../../src/shared/contract/api';
import { must } from './result';

/**
 * Changes one direction's disturbance on a relay through the API, as its
 * controls do (only the fields given change); the relay's info comes back.
 */
export function disturb(
  api: WirebenchApi,
  endpointId: string,
  disturbance: RequestOf<'setRelayDisturbance'>['disturbance'],
  direction: RelayDirection = 'device-to-server',
) {
  return must(api.setRelayDisturbance({ endpointId, direction, disturbance }));
}
