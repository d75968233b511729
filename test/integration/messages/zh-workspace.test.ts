import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe } from 'vitest';
import { createBackend, type Backend } from '../../../src/main/core/backend';
import { createWorkspace } from '../../../src/main/workspace/create-workspace';
import { WORKSPACE_FILE } from '../../../src/main/workspace/workspace-store';
import type { Result } from '../../../src/shared/contract';
import type { WorkspaceState } from '../../../src/shared/contract/ops/workspace-ops';
import { provokes, refusedWith, toldOf } from '../../helpers/provoke';
import { must } from '../../helpers/result';
import { useScratch } from '../../helpers/scratch';

/**
 * Every message about workspaces, provoked for real (real files in a real
 * data folder, through the router) and said with the UI in 简体中文. The
 * invalid file said in the window is in test/e2e/workspace.test.ts.
 */
const { dir: work } = useScratch('zh-ws');
const backends: Backend[] = [];
afterAll(async () => {
  await Promise.all(backends.splice(0).map((b) => b.dispose()));
});

let n = 0;
/** A backend with a workspace in a folder of its own (`prepare` writes into it first). */
async function backend(prepare: (dir: string) => void = () => undefined, withWorkspace = true) {
  const dir = path.join(work, `b${n++}`);
  mkdirSync(dir, { recursive: true });
  prepare(dir);
  const services = { version: 't', mode: 'browser' as const };
  const b = createBackend(services, { dataDir: dir });
  backends.push(b);
  const told: unknown[] = [];
  const events = b.router.subscribe((batch) => {
    told.push(batch);
    events.ack(batch.seq);
  });
  if (withWorkspace) {
    const ws = createWorkspace(b, dir);
    Object.assign(services, { workspace: ws });
    await ws.start();
  }
  const call = <T = unknown>(op: string, payload: unknown) =>
    b.router.handle(op, payload) as Promise<Result<T>>;
  return { b, dir, call, told };
}

const good = (port: number) =>
  JSON.stringify({ version: 2, tabs: [{ spec: { kind: 'tcp-server', host: '127.0.0.1', port } }] });

describe('workspaces', () => {
  provokes('workspace.not-json', async () => {
    const { call } = await backend();
    return refusedWith(
      call('openWorkspace', { name: 'cut.json', json: '{"version": 2, "tabs": [' }),
    );
  });
  provokes('workspace.newer', async () => {
    const { call } = await backend();
    return refusedWith(call('openWorkspace', { name: 'next.json', json: '{"version": 7}' }));
  });
  provokes('workspace.restored-previous', async () => {
    const { call } = await backend((dir) => {
      writeFileSync(path.join(dir, 'workspace.previous.json'), good(9100));
      writeFileSync(path.join(dir, WORKSPACE_FILE), '{"version": 2, "tabs": 5}');
    });
    const state = await must(call<WorkspaceState>('getWorkspace', {}));
    return state.notice;
  });
  provokes('workspace.save-failed', async () => {
    const { dir, call, told } = await backend();
    // The data folder becomes a file: the next save cannot write there.
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(dir, '');
    await must(call('updateWorkspace', { settings: {}, tabs: [], activeId: null }));
    return toldOf(() => told, 'workspace.save-failed');
  });
  provokes('workspace.unavailable', async () => {
    const { call } = await backend(undefined, false);
    return refusedWith(call('getWorkspace', {}));
  });
  provokes('workspace.too-large', async () => {
    // A recent entry naming a file far over the limit (sparse: 100 MiB of nothing on disk).
    // It is refused by its size, before a byte of it is read into memory.
    const { call } = await backend((dir) => {
      const huge = path.join(dir, 'huge.json');
      writeFileSync(huge, '');
      truncateSync(huge, 100 * 1024 * 1024);
      const recent = [{ name: 'huge.json', file: huge }];
      writeFileSync(path.join(dir, 'recent-workspaces.json'), JSON.stringify(recent));
    });
    return refusedWith(call('openRecentWorkspace', { index: 0 }));
  });
  provokes('workspace.not-a-file', async () => {
    // A path that is not a regular file (a FIFO: opening it would wait for a writer forever)
    // is refused without opening it.
    const { call } = await backend((dir) => {
      const fifo = path.join(dir, 'pipe.json');
      execFileSync('mkfifo', [fifo]);
      const recent = [{ name: 'pipe.json', file: fifo }];
      writeFileSync(path.join(dir, 'recent-workspaces.json'), JSON.stringify(recent));
    });
    return refusedWith(call('openRecentWorkspace', { index: 0 }));
  });
  provokes('workspace.no-recent', async () => {
    const { call } = await backend();
    return refusedWith(call('openRecentWorkspace', { index: 3 }));
  });
});
