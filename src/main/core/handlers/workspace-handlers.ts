import type { workspaceOperations } from '../../../shared/contract/ops/workspace-ops';
import { msg } from '../../../shared/messages/catalogue';
import { EndpointError } from '../../engine/system-errors';
import type { WorkspaceService } from '../../workspace/workspace-service';
import type { BackendServices, HandlerTable } from './handler-types';
import path from 'node:path';

function workspace(services: BackendServices): WorkspaceService {
  if (!services.workspace) throw new EndpointError(msg('workspace.unavailable', {}), 'wrong-state');
  return services.workspace;
}

/** The system's dialog; absent in the browser mode, whose window downloads and uploads. */
function dialog(services: BackendServices): NonNullable<BackendServices['chooseWorkspaceFile']> {
  if (!services.chooseWorkspaceFile)
    throw new EndpointError(msg('payload-file.no-dialog', {}), 'wrong-state');
  return services.chooseWorkspaceFile;
}

export const workspaceHandlers: HandlerTable<keyof typeof workspaceOperations> = {
  getWorkspace: (_request, { services }) => workspace(services).state(),
  updateWorkspace: (request, { services }) => {
    workspace(services).update(request);
    return {};
  },
  exportWorkspace: (_request, { services }) => workspace(services).exportJson(),
  openWorkspace: ({ name, json }, { services }) => workspace(services).openText(name, json),
  saveWorkspaceFile: async (_request, { services }) => {
    const ws = workspace(services);
    const file = await dialog(services)('save');
    if (file === null) return null;
    await ws.saveTo(file);
    return { name: path.basename(file) };
  },
  openWorkspaceFile: async (_request, { services }) => {
    const ws = workspace(services);
    const file = await dialog(services)('open');
    return file === null ? null : ws.openPath(file);
  },
  openRecentWorkspace: ({ index }, { services }) => workspace(services).openRecent(index),
};
