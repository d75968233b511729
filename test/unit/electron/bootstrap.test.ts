import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The Electron bootstrap (src/main/electron/index.ts) run in plain Node:
 * Electron is a stand-in that records what the bootstrap asks of it, so a
 * test can see which page the trusted window loads, packaged or not.
 */
const electron = vi.hoisted(() => ({
  isPackaged: true,
  userData: '',
  windows: [] as Array<{ url: string; contents: NodeJS.EventEmitter }>,
  app: null as null | (NodeJS.EventEmitter & { quit: () => void }),
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  let nextId = 1;
  class WebContents extends EventEmitter {
    id = nextId++;
    mainFrame = { url: '' };
    setWindowOpenHandler = vi.fn();
    isDestroyed = () => false;
    send = vi.fn();
  }
  class BrowserWindow extends EventEmitter {
    webContents = new WebContents();
    show = vi.fn();
    loadURL = async (url: string) => {
      electron.windows.push({ url, contents: this.webContents });
    };
  }
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getPath: () => electron.userData,
    quit: vi.fn(),
  });
  // A getter (Object.assign would copy its value once): each test sets its own.
  Object.defineProperty(app, 'isPackaged', { get: () => electron.isPackaged });
  electron.app = app;
  return {
    app,
    BrowserWindow,
    dialog: { showOpenDialog: vi.fn() },
    Menu: { setApplicationMenu: vi.fn(), getApplicationMenu: vi.fn() },
    session: {
      defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() },
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    net: { fetch: vi.fn() },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
  };
});

const work = mkdtempSync(path.join(os.tmpdir(), 'wirebench-boot-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(async () => {
  // Closing the last window disposes the backend (every socket and timer) and quits.
  electron.app?.emit('window-all-closed');
  await vi.waitFor(() => expect(electron.app?.quit).toHaveBeenCalled());
  vi.unstubAllEnvs();
  vi.resetModules();
  electron.windows.length = 0;
});

/** Starts the app as Electron would: import the bootstrap, let whenReady resolve. */
async function boot(options: { packaged: boolean; rendererUrl?: string }) {
  electron.isPackaged = options.packaged;
  electron.userData = mkdtempSync(path.join(work, 'user-'));
  if (options.rendererUrl !== undefined) vi.stubEnv('ELECTRON_RENDERER_URL', options.rendererUrl);
  await import('../../../src/main/electron/index');
  await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
  return electron.windows[0]!;
}

/** Whether the window may navigate to `url` (its will-navigate guard). */
function mayNavigate(contents: NodeJS.EventEmitter, url: string): boolean {
  let prevented = false;
  contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
  return !prevented;
}

describe('the Electron bootstrap', () => {
  it('a packaged app loads its own page, whatever ELECTRON_RENDERER_URL says', async () => {
    const window = await boot({ packaged: true, rendererUrl: 'https://evil.example/' });
    expect(window.url).toBe('app://wirebench/index.html');
    expect(mayNavigate(window.contents, 'https://evil.example/')).toBe(false);
    expect(mayNavigate(window.contents, 'app://wirebench/index.html')).toBe(true);
  });

  it('an app run from the sources loads the dev server it is given', async () => {
    const window = await boot({ packaged: false, rendererUrl: 'http://localhost:5173/' });
    expect(window.url).toBe('http://localhost:5173/');
  });

  it('without the variable, the app page either way', async () => {
    const window = await boot({ packaged: false });
    expect(window.url).toBe('app://wirebench/index.html');
  });
});
