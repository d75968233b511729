import type { tlsOperations } from '../../../shared/contract/ops/tls-ops';
import { EndpointError } from '../../engine/system-errors';
import type { HandlerTable } from './handler-types';

export const tlsHandlers: HandlerTable<keyof typeof tlsOperations> = {
  chooseFile: async ({ purpose }, { engine, services }) => {
    if (!services.chooseFile) {
      throw new EndpointError(
        'This window cannot open the system file dialog; upload the file instead',
        'wrong-state',
      );
    }
    const chosen = await services.chooseFile(purpose);
    return chosen ? engine.files.addPath(chosen) : null;
  },
  uploadFile: ({ name, data }, { engine }) => engine.files.addBytes(name, data),
};
