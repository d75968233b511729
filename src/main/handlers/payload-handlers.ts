import type { payloadOperations } from '../../shared/contract/ops/payload-ops';
import { composedOrThrow, composeInMain } from '../payload/compose-in-main';
import type { HandlerTable } from './handler-types';

export const payloadHandlers: HandlerTable<keyof typeof payloadOperations> = {
  sendPayload: async ({ endpointId, peerId, spec, counter, sendId }, { engine }) => {
    engine.get(endpointId); // "no such connection" before composing anything
    const bytes = composedOrThrow(composeInMain(spec, counter));
    const result = await engine.send(endpointId, peerId, bytes, sendId);
    return { ...result, payloadBytes: bytes.byteLength };
  },
};
