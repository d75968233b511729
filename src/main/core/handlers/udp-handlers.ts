import type { udpOperations } from '../../../shared/contract/ops/udp-ops';
import type { Engine } from '../../engine/engine';
import { listNetworkInterfaces } from '../../engine/udp/network-interfaces';
import { EndpointError } from '../../engine/system-errors';
import { msg } from '../../../shared/messages/catalogue';
import { UdpEndpoint } from '../../engine/udp/udp-endpoint';
import type { HandlerTable } from './handler-types';

/** The endpoint, when it is a UDP one; anything else is a sentence, not a crash. */
export function udpEndpoint(engine: Engine, endpointId: string): UdpEndpoint {
  const endpoint = engine.get(endpointId);
  if (!(endpoint instanceof UdpEndpoint)) {
    throw new EndpointError(msg('udp.not-udp', { id: endpointId }), 'wrong-state');
  }
  return endpoint;
}

export const udpHandlers: HandlerTable<keyof typeof udpOperations> = {
  joinGroup: ({ endpointId, group, iface }, { engine }) => {
    const endpoint = udpEndpoint(engine, endpointId);
    endpoint.joinGroup(group, iface);
    return endpoint.info();
  },
  leaveGroup: ({ endpointId, group, iface }, { engine }) => {
    const endpoint = udpEndpoint(engine, endpointId);
    endpoint.leaveGroup(group, iface);
    return endpoint.info();
  },
  setUdpOptions: ({ endpointId, ...changes }, { engine }) => {
    const endpoint = udpEndpoint(engine, endpointId);
    endpoint.setOptions(changes);
    return endpoint.info();
  },
  listInterfaces: () => listNetworkInterfaces(),
};
