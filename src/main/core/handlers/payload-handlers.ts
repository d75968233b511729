import type { payloadOperations } from '../../../shared/contract/ops/payload-ops';
import { composedOrThrow, composeWithFiles } from '../../payload/compose-in-main';
import { payloadFiles } from './payload-file-handlers';
import type { HandlerTable } from './handler-types';
import { udpEndpoint } from './udp-handlers';
import type { EngineSendResult } from '../../engine/engine';

export const payloadHandlers: HandlerTable<keyof typeof payloadOperations> = {
  sendPayload: async ({ endpointId, peerId, spec, counter, sendId, to }, { engine, services }) => {
    // "No such connection" (or "not UDP" for a destination) before composing anything.
    const udp = to ? udpEndpoint(engine, endpointId) : null;
    if (!udp) engine.get(endpointId);
    const send = async (signal?: AbortSignal) => {
      const bytes = composedOrThrow(
        await composeWithFiles(spec, counter, () => payloadFiles(services)),
      );
      // A datagram goes at once: nothing to cancel.
      const result: EngineSendResult =
        udp && to
          ? await udp.sendTo(to.host, to.port, bytes).then(({ bytes, peers }) => ({ bytes, peers }))
          : await engine.send(endpointId, peerId, bytes, sendId ? { sendId, signal } : undefined);
      return { ...result, payloadBytes: bytes.byteLength };
    };
    // Named while its payload is still being composed, so an early cancel is not lost.
    return sendId ? engine.sends.run(sendId, send) : send();
  },
  cancelSend: ({ sendId }, { engine }) => ({ cancelled: engine.cancelSend(sendId) }),
};
