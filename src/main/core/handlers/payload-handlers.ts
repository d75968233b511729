import type { payloadOperations } from '../../../shared/contract/ops/payload-ops';
import { composedOrThrow, composeWithFiles } from '../../payload/compose-in-main';
import { payloadFiles } from './payload-file-handlers';
import type { HandlerTable } from './handler-types';
import { udpEndpoint } from './udp-handlers';

export const payloadHandlers: HandlerTable<keyof typeof payloadOperations> = {
  sendPayload: async ({ endpointId, peerId, spec, counter, sendId, to }, { engine, services }) => {
    // "No such connection" (or "not UDP" for a destination) before composing anything.
    const udp = to ? udpEndpoint(engine, endpointId) : null;
    if (!udp) engine.get(endpointId);
    const bytes = composedOrThrow(
      await composeWithFiles(spec, counter, () => payloadFiles(services)),
    );
    const result =
      udp && to
        ? await udp.sendTo(to.host, to.port, bytes)
        : await engine.send(endpointId, peerId, bytes, sendId);
    return { ...result, payloadBytes: bytes.byteLength };
  },
};
