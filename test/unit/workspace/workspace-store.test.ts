import { mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  emptyWorkspace,
  workspaceTab,
  type WorkspaceDocument,
} from '../../../src/shared/contract/workspace';
import {
  PREVIOUS_WORKSPACE_FILE,
  WORKSPACE_FILE,
  WorkspaceStore,
} from '../../../src/main/workspace/workspace-store';

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'wirebench-ws-'));

function withServer(port: number): WorkspaceDocument {
  const doc = emptyWorkspace();
  const spec = { kind: 'tcp-server', host: '127.0.0.1', port };
  doc.tabs.push(workspaceTab.parse({ spec, draft: { mode: 'hex', source: '01 02' } }));
  return doc;
}

describe('the workspace in the data folder', () => {
  it('starts empty with nothing to say when there is no file', async () => {
    const loaded = await new WorkspaceStore(dir()).load();
    expect(loaded).toEqual({ doc: emptyWorkspace(), notice: null });
  });

  it('writes atomically and reads back what it wrote; the one before is kept as previous', async () => {
    const d = dir();
    const store = new WorkspaceStore(d);
    expect(await store.save(withServer(9001))).toBeNull();
    expect(await store.save(withServer(9002))).toBeNull();
    expect((await store.load()).doc.tabs[0]?.spec.port).toBe(9002);
    const previous = JSON.parse(readFileSync(path.join(d, PREVIOUS_WORKSPACE_FILE), 'utf8'));
    expect(previous.tabs[0].spec.port).toBe(9001);
    expect(readdirSync(d).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a corrupt file is set aside and the previous good one loads, with a notice naming the problem', async () => {
    const d = dir();
    const store = new WorkspaceStore(d);
    await store.save(withServer(9001));
    await store.save(withServer(9002));
    writeFileSync(path.join(d, WORKSPACE_FILE), '{"version":2,"tabs":[{"spec"');
    const loaded = await new WorkspaceStore(d).load();
    expect(loaded.doc.tabs[0]?.spec.port).toBe(9001);
    expect(loaded.notice).toMatchObject({
      code: 'workspace.restored-previous',
      params: { problem: { code: 'workspace.not-json' } },
    });
    expect(readdirSync(d).some((n) => n.startsWith('workspace.corrupt-'))).toBe(true);
  });

  it('stopped between writing the temp file and the renames, the old workspace loads and the temp goes', async () => {
    const d = dir();
    await new WorkspaceStore(d).save(withServer(9001));
    let stop: (() => void) | undefined;
    const held = new WorkspaceStore(d, () => new Promise<void>((resolve) => (stop = resolve)));
    const pending = held.save(withServer(9002));
    await expect.poll(() => readdirSync(d).some((n) => n.endsWith('.tmp'))).toBe(true);
    // The process "dies" here: a fresh store reads the folder as it is.
    const loaded = await new WorkspaceStore(d).load();
    expect(loaded.doc.tabs[0]?.spec.port).toBe(9001);
    expect(loaded.notice).toBeNull();
    expect(readdirSync(d).some((n) => n.endsWith('.tmp'))).toBe(false);
    stop?.();
    await pending;
  });

  it('stopped between the two renames (no current file), the previous one loads', async () => {
    const d = dir();
    const store = new WorkspaceStore(d);
    await store.save(withServer(9001));
    await store.save(withServer(9002));
    renameSync(path.join(d, WORKSPACE_FILE), path.join(d, 'elsewhere.json'));
    const loaded = await new WorkspaceStore(d).load();
    expect(loaded.doc.tabs[0]?.spec.port).toBe(9001);
  });

  it('a save that cannot write says so with the file and the reason', async () => {
    const d = dir();
    writeFileSync(path.join(d, 'not-a-folder'), '');
    const said = await new WorkspaceStore(path.join(d, 'not-a-folder')).save(emptyWorkspace());
    expect(said).toMatchObject({ code: 'workspace.save-failed' });
  });
});
