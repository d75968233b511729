import type { EndpointSpecInput, RelayDirection, RequestOf } from '../../src/shared/contract';
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

/** A relay on a free loopback port that terminates TLS and dials `targetPort` on loopback in plain TCP. */
export function tlsRelaySpec(
  targetPort: number,
  extra: Partial<Extract<EndpointSpecInput, { kind: 'relay' }>> = {},
): EndpointSpecInput {
  return {
    kind: 'relay',
    mode: 'tls',
    host: '127.0.0.1',
    port: 0,
    targetHost: '127.0.0.1',
    targetPort,
    ...extra,
  };
}
