import { existsSync } from 'node:fs';
import type { Backend } from '../core/backend';
import type { BeforeRename } from './atomic-file';
import { RecentWorkspaces } from './recent-workspaces';
import { WorkspaceService } from './workspace-service';
import { WorkspaceStore } from './workspace-store';

/** The workspace of an app (desktop or browser mode) over its backend, in its data folder. */
export function createWorkspace(
  backend: Backend,
  dataDir: string,
  beforeRename?: BeforeRename,
): WorkspaceService {
  return new WorkspaceService(
    backend.engine,
    new WorkspaceStore(dataDir, beforeRename),
    new RecentWorkspaces(dataDir),
    {
      onNotice: (message) =>
        backend.router.event({ type: 'notice', level: 'warning', endpointId: null, message }),
    },
  );
}

/**
 * For the crash test only: while the file WIREBENCH_TEST_HOLD_WORKSPACE_WRITE
 * names exists, a save stops after its temp file is written and synced and
 * before it renames anything, says so on stdout, and waits forever, so the
 * test can kill the process at exactly that point. Unset, nothing changes.
 */
export function testHoldBeforeRename(env = process.env): BeforeRename | undefined {
  const flag = env['WIREBENCH_TEST_HOLD_WORKSPACE_WRITE'];
  if (!flag) return undefined;
  return async (temp) => {
    if (!existsSync(flag)) return;
    process.stdout.write(`workspace save held before rename: ${temp}\n`);
    await new Promise<never>(() => undefined);
  };
}
