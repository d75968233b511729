import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../src/main/core/backend';
import { createWorkspace } from '../../../src/main/workspace/create-workspace';
import type { WorkspaceService } from '../../../src/main/workspace/workspace-service';
import type { EndpointInfo, Result } from '../../../src/shared/contract';
import type { WorkspaceState } from '../../../src/shared/contract/ops/workspace-ops';
import { isListening } from '../../helpers/peers';
import { must } from '../../helpers/result';
import { useScratch } from '../../helpers/scratch';

/**
 * The workspace through the router with real sockets: a process "restarts"
 * by disposing its backend and starting another on the same data folder.
 */
const { dir: work } = useScratch('ws-restore');
const running: Array<{ b: Backend; ws: WorkspaceService }> = [];
afterAll(async () => {
  await Promise.all(running.splice(0).map(({ b }) => b.dispose()));
});

async function start(dir: string) {
  const services = { version: 't', mode: 'browser' as const };
  const b = createBackend(services, { dataDir: dir });
  const ws = createWorkspace(b, dir);
  Object.assign(services, { workspace: ws });
  await ws.start();
  running.push({ b, ws });
  const call = <T = unknown>(op: string, payload: unknown) =>
    b.router.handle(op, payload) as Promise<Result<T>>;
  return { b, ws, call };
}

type App = Awaited<ReturnType<typeof start>>;

/** A TCP listener on a port the system picks, opened through the router. */
const listener = (app: App) =>
  must(
    app.call<EndpointInfo>('openEndpoint', {
      spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 },
    }),
  );

/** The endpoints the router lists. */
const listed = (app: App) => must(app.call<EndpointInfo[]>('listEndpoints', {}));

async function stop(app: { b: Backend; ws: WorkspaceService }): Promise<void> {
  await app.ws.flush();
  await app.b.dispose();
}

/** An app on `dir` that opened a listener and told its workspace `update(listener)`, then stopped. */
async function savedListener(dir: string, update: (server: EndpointInfo) => unknown) {
  const first = await start(dir);
  const server = await listener(first);
  await must(first.call('updateWorkspace', update(server)));
  await stop(first);
  return server;
}

const hexDraft = { mode: 'hex', source: 'AA 55' };
const automation = {
  periodic: { interval: '500', count: '', source: 'editor', libraryItemId: null },
  sequence: { source: 'send "hi"', name: 'greet', libraryItemId: null },
};

describe('the workspace across a restart', () => {
  it("two Opens at once (two windows) leave one file's tabs, not both nor a mix", async () => {
    const app = await start(path.join(work, 'two-opens'));
    const file = (ports: number[]) =>
      JSON.stringify({
        version: 2,
        tabs: ports.map((port) => ({ spec: { kind: 'tcp-server', host: '127.0.0.1', port } })),
      });
    await must(app.call('openWorkspace', { name: 'first.json', json: file([9301, 9302, 9303]) }));
    const [a, b] = await Promise.all([
      app.call<WorkspaceState>('openWorkspace', { name: 'a.json', json: file([9311, 9312]) }),
      app.call<WorkspaceState>('openWorkspace', { name: 'b.json', json: file([9321, 9322, 9323]) }),
    ]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    const ports = app.b.engine
      .list()
      .map((i) => i.spec.port)
      .sort();
    expect([
      [9311, 9312],
      [9321, 9322, 9323],
    ]).toContainEqual(ports);
    await stop(app);
  });

  it('a window that never stops sending updates (typing without a pause) still gets saved', async () => {
    const dir = path.join(work, 'flood');
    const app = await start(dir);
    const saved = path.join(dir, 'workspace.json');
    // Bounded: at most 200 updates, one each 50 ms (under the 400 ms debounce), 10 s in all.
    const deadline = Date.now() + 10_000;
    let sent = 0;
    while (!existsSync(saved) && sent < 200 && Date.now() < deadline) {
      await must(
        app.call('updateWorkspace', {
          settings: { logFontSize: 6 + (sent % 40) },
          tabs: [],
          activeId: null,
        }),
      );
      sent++;
      // Time is the condition here: a change every 50 ms is the flood that kept the save waiting.
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(existsSync(saved)).toBe(true);
    await stop(app);
  });

  it('brings the tabs back closed, a port-0 listener on the port it had, automation kept', async () => {
    const dir = path.join(work, 'a');
    const server = await savedListener(dir, ({ id }) => ({
      settings: {},
      tabs: [{ endpointId: id, draft: hexDraft, automation }],
      activeId: id,
    }));
    const port = server.local?.port ?? 0;
    expect(isListening(port)).toBe(false);
    expect(readFileSync(path.join(dir, 'workspace.json'), 'utf8')).toContain(`"port": ${port}`);

    const second = await start(dir);
    const [restored] = await listed(second);
    expect(restored?.state).toBe('closed');
    const state = await must(second.call<WorkspaceState>('getWorkspace', {}));
    expect(state.tabs[0]).toMatchObject({ endpointId: restored?.id, draft: hexDraft, automation });
    expect(state.activeId).toBe(restored?.id);
    const reopened = await must(
      second.call<EndpointInfo>('reopenEndpoint', { endpointId: restored?.id }),
    );
    expect(reopened.local?.port).toBe(port);
    expect(isListening(port)).toBe(true);
    await stop(second);
  });

  it('with "Reopen connections at start", the listeners listen as soon as the app starts', async () => {
    const dir = path.join(work, 'b');
    const server = await savedListener(dir, () => ({
      settings: { reopenAtStart: true },
      tabs: [],
      activeId: null,
    }));
    const second = await start(dir);
    const [restored] = await listed(second);
    expect(restored?.state).toBe('listening');
    expect(restored?.local?.port).toBe(server.local?.port);
    await stop(second);
  });

  it('opening a file replaces every connection; an invalid one changes nothing', async () => {
    const dir = path.join(work, 'c');
    const app = await start(dir);
    const server = await listener(app);
    const bad = await app.call('openWorkspace', {
      name: 'x.json',
      json: '{"version":2,"tabs":{}}',
    });
    expect(bad.ok).toBe(false);
    expect((await listed(app)).map((e) => e.id)).toEqual([server.id]);
    const json = JSON.stringify({
      version: 1,
      rules: {},
      periodic: {},
    });
    const opened = await must(app.call<WorkspaceState>('openWorkspace', { name: 'v1.json', json }));
    expect(opened.tabs).toEqual([]);
    expect(await listed(app)).toEqual([]);
    expect(isListening(server.local?.port ?? 0)).toBe(false);
    expect(opened.recent.map((r) => r.name)).toEqual(['v1.json']);
    await stop(app);
  });
});
