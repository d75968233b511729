import { z } from 'zod';
import { endpointInfo, endpointSpec, peerInfo } from '../endpoint';
import { bytes, id } from '../fields';

/** Opening, closing and talking through endpoints. */
export const endpointOperations = {
  openEndpoint: {
    request: z.strictObject({ spec: endpointSpec }),
    result: endpointInfo,
  },
  closeEndpoint: {
    request: z.strictObject({
      endpointId: id,
      /** For a server: also disconnect the peers it accepted (default), or let them run. */
      closePeers: z.boolean().default(true),
    }),
    result: endpointInfo,
  },
  /** Forget an endpoint (closing it first): it leaves the list; its log goes with it. */
  removeEndpoint: {
    request: z.strictObject({ endpointId: id }),
    result: z.strictObject({ removed: z.boolean() }),
  },
  /** Clients only: dial again after a close (reopenEndpoint does this for every kind). */
  reconnectEndpoint: {
    request: z.strictObject({ endpointId: id }),
    result: endpointInfo,
  },
  /**
   * Opens a closed (or failed) endpoint again with its own spec, keeping its
   * tab and its log: a listener binds its port again, a client dials again.
   */
  reopenEndpoint: {
    request: z.strictObject({ endpointId: id }),
    result: endpointInfo,
  },
  listEndpoints: {
    request: z.strictObject({}),
    result: z.array(endpointInfo),
  },
  /** Every peer of an endpoint now, in the order they were first seen. */
  listPeers: {
    request: z.strictObject({ endpointId: id }),
    result: z.strictObject({ peers: z.array(peerInfo) }),
  },
  send: {
    request: z.strictObject({
      endpointId: id,
      /** One peer's id, 'all' peers of a server, or omitted for the only peer. */
      peerId: z.union([id, z.literal('all')]).optional(),
      data: bytes,
    }),
    result: z.strictObject({ bytes: z.number(), peers: z.number() }),
  },
  disconnectPeer: {
    request: z.strictObject({ endpointId: id, peerId: id }),
    result: z.strictObject({ disconnected: z.boolean() }),
  },
} as const;
