import type { relayOperations } from '../../../shared/contract/ops/relay-ops';
import type { Engine } from '../../engine/engine';
import { RelayEndpoint } from '../../engine/relay/relay';
import { EndpointError } from '../../engine/system-errors';
import { msg } from '../../../shared/messages/catalogue';
import type { HandlerTable } from './handler-types';

function relay(engine: Engine, endpointId: string): RelayEndpoint {
  const endpoint = engine.get(endpointId);
  if (!(endpoint instanceof RelayEndpoint)) {
    throw new EndpointError(msg('relay.not-a-relay', { id: endpointId }), 'wrong-state');
  }
  return endpoint;
}

export const relayHandlers: HandlerTable<keyof typeof relayOperations> = {
  setRelayDisturbance: ({ endpointId, direction, disturbance }, { engine }) =>
    relay(engine, endpointId).setDisturbance(direction, disturbance),
  relayInject: ({ endpointId, peerId, direction, data }, { engine }) => ({
    bytes: relay(engine, endpointId).inject(peerId, direction, data),
  }),
  relayAction: ({ endpointId, peerId, direction, action }, { engine }) => ({
    done: relay(engine, endpointId).action(peerId, direction, action),
  }),
};
