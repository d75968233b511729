import { beforeEach, describe, expect, it, vi } from 'vitest';

/** The desktop app's workspace dialogs and --workspace, with Electron as a stand-in. */
const dialog = vi.hoisted(() => ({ showSaveDialog: vi.fn(), showOpenDialog: vi.fn() }));
vi.mock('electron', () => ({ dialog }));

const { chooseWorkspaceFile, workspaceArgument } =
  await import('../../../src/main/electron/workspace-dialogs');

beforeEach(() => {
  dialog.showSaveDialog.mockReset();
  dialog.showOpenDialog.mockReset();
});

describe('workspace files in the desktop app', () => {
  it('Save asks the system where, over the window, and returns that path', async () => {
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: '/home/me/bench.json' });
    const window = {} as never;
    expect(await chooseWorkspaceFile(window, 'save')).toBe('/home/me/bench.json');
    const [parent, options] = dialog.showSaveDialog.mock.calls[0] ?? [];
    expect(parent).toBe(window);
    expect(options.filters[0]).toEqual({ name: 'Wirebench workspace', extensions: ['json'] });
  });

  it('Open asks for one existing file; cancelling either dialog is null', async () => {
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/tmp/a.json'] });
    expect(await chooseWorkspaceFile(null, 'open')).toBe('/tmp/a.json');
    expect(dialog.showOpenDialog.mock.calls[0]?.[0].properties).toEqual(['openFile']);
    dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(await chooseWorkspaceFile(null, 'open')).toBeNull();
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await chooseWorkspaceFile(null, 'save')).toBeNull();
  });

  it('--workspace FILE and --workspace=FILE among Electron’s own arguments', () => {
    expect(workspaceArgument(['electron', '.', '--workspace', 'plc.json'])).toBe('plc.json');
    expect(workspaceArgument(['app', '--no-sandbox', '--workspace=/w/x.json'])).toBe('/w/x.json');
    expect(workspaceArgument(['app'])).toBeUndefined();
  });
});
