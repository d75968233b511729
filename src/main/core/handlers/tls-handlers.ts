import type { tlsOperations } from '../../../shared/contract/ops/tls-ops';
import { EndpointError } from '../../engine/system-errors';
import { msg } from '../../../shared/messages/catalogue';
import type { HandlerTable } from './handler-types';

export const tlsHandlers: HandlerTable<keyof typeof tlsOperations> = {
  chooseFile: async ({ purpose }, { engine, services }) => {
    if (!services.chooseFile) {
      throw new EndpointError(msg('file.no-dialog', {}), 'wrong-state');
    }
    const chosen = await services.chooseFile(purpose);
    return chosen ? engine.files.addPath(chosen) : null;
  },
  uploadFile: ({ name, data }, { engine }) => engine.files.addBytes(name, data),
};
