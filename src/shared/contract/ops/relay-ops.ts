import { z } from 'zod';
import { bytes, id } from '../fields';
import { disturbanceChange, relayDirection, relayEndpointInfo } from '../relay';

/** Steering a relay while it runs: disturbances, injected bytes, closes and resets. */
export const relayOperations = {
  /** Changes one direction's disturbance for every conversation, now and later. */
  setRelayDisturbance: {
    request: z.strictObject({
      endpointId: id,
      direction: relayDirection,
      /** Only the fields given change. */
      disturbance: disturbanceChange,
    }),
    result: relayEndpointInfo,
  },
  /** Sends bytes that neither side wrote, as if the other side had. */
  relayInject: {
    request: z.strictObject({ endpointId: id, peerId: id, direction: relayDirection, data: bytes }),
    result: z.strictObject({ bytes: z.number() }),
  },
  /** One-shot: half-close (FIN) or reset (RST) the receiving side of a direction. */
  relayAction: {
    request: z.strictObject({
      endpointId: id,
      peerId: id,
      direction: relayDirection,
      action: z.enum(['half-close', 'reset']),
    }),
    result: z.strictObject({ done: z.boolean() }),
  },
} as const;
