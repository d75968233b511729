import type { payloadOperations } from '../../shared/contract/ops/payload-ops';
import { listFileIds } from '../../shared/payload/compose';
import { composedOrThrow, composeInMain } from '../payload/compose-in-main';
import { payloadFiles } from './payload-file-handlers';
import type { HandlerTable } from './handler-types';

export const payloadHandlers: HandlerTable<keyof typeof payloadOperations> = {
  sendPayload: async ({ endpointId, peerId, spec, counter, sendId }, { engine, services }) => {
    engine.get(endpointId); // "no such connection" before composing anything
    const ids = listFileIds(spec);
    const files = ids.length > 0 ? await payloadFiles(services).load(ids) : new Map();
    const bytes = composedOrThrow(composeInMain(spec, counter, files));
    const result = await engine.send(endpointId, peerId, bytes, sendId);
    return { ...result, payloadBytes: bytes.byteLength };
  },
};
