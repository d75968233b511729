import type { payloadFileOperations } from '../../../shared/contract/ops/payload-file-ops';
import { previewWindow } from '../../../shared/payload/preview-window';
import { EndpointError } from '../../engine/system-errors';
import { msg } from '../../../shared/messages/catalogue';
import { composeWithFiles } from '../../payload/compose-in-main';
import type { PayloadFileRegistry } from '../../payload/file-registry';
import type { BackendServices, HandlerTable } from './handler-types';

export function payloadFiles(services: BackendServices): PayloadFileRegistry {
  if (!services.payloadFiles)
    throw new EndpointError(msg('payload-file.unavailable', {}), 'wrong-state');
  return services.payloadFiles;
}

export const payloadFileHandlers: HandlerTable<keyof typeof payloadFileOperations> = {
  pickPayloadFile: async (_request, { services }) => {
    if (!services.chooseFile)
      throw new EndpointError(msg('payload-file.no-dialog', {}), 'wrong-state');
    const chosen = await services.chooseFile('payload');
    return chosen === null ? null : payloadFiles(services).addPath(chosen);
  },
  registerPayloadFile: ({ name, data }, { services }) =>
    payloadFiles(services).addBytes(name, data),
  describePayloadFile: ({ id }, { services }) => payloadFiles(services).describe(id),
  previewPayload: async ({ spec, counter }, { services }) => {
    const composed = await composeWithFiles(spec, counter, () => payloadFiles(services));
    if (!composed.ok) return composed;
    return {
      ok: true as const,
      ...previewWindow(composed.bytes, composed.parts, composed.placeholders),
    };
  },
};
