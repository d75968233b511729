import type { endpointOperations } from '../../../shared/contract/ops/endpoint-ops';
import type { HandlerTable } from './handler-types';

export const endpointHandlers: HandlerTable<keyof typeof endpointOperations> = {
  openEndpoint: ({ spec }, { engine }) => engine.open(spec),
  closeEndpoint: ({ endpointId, closePeers }, { engine }) => engine.close(endpointId, closePeers),
  removeEndpoint: async ({ endpointId }, { engine }) => ({
    removed: await engine.remove(endpointId),
  }),
  reconnectEndpoint: ({ endpointId }, { engine }) => engine.reconnect(endpointId),
  reopenEndpoint: ({ endpointId }, { engine }) => engine.reopen(endpointId),
  listEndpoints: (_request, { engine }) => engine.list(),
  listPeers: ({ endpointId }, { engine }) => ({ peers: engine.get(endpointId).withPeers().peers }),
  send: ({ endpointId, peerId, data }, { engine }) => engine.send(endpointId, peerId, data),
  disconnectPeer: ({ endpointId, peerId }, { engine }) => ({
    disconnected: engine.disconnect(endpointId, peerId),
  }),
};
