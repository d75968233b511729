import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi, type Mock } from 'vitest';
import { decodeMessage } from '../../../src/shared/wire/binary-json';
import type { EventBatch } from '../../../src/shared/contract';
import { inEnglish } from '../../helpers/english';

/**
 * The Electron bootstrap (src/main/electron/index.ts) run in plain Node:
 * Electron is a stand-in that records what the bootstrap asks of it, so a
 * test can see which page the trusted window loads, packaged or not.
 */
const electron = vi.hoisted(() => ({
  isPackaged: true,
  userData: '',
  windows: [] as Array<{ url: string; contents: NodeJS.EventEmitter & { send: Mock } }>,
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

// The app maps its whole capture log ahead of time (256 MiB); four boots here need none of it.
vi.mock('../../../src/main/core/backend', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/main/core/backend')>();
  return {
    ...actual,
    createBackend: (...[services, options]: Parameters<typeof actual.createBackend>) =>
      actual.createBackend(services, { ...options, warmLog: false }),
  };
});

const work = mkdtempSync(path.join(os.tmpdir(), 'wirebench-boot-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
/** The process-wide handlers a boot installed; removed after each test. */
const installed: Array<[string, (...args: unknown[]) => void]> = [];
const events = ['uncaughtException', 'unhandledRejection'] as const;
const processEvents = process as NodeJS.EventEmitter;

afterEach(async () => {
  for (const [event, listener] of installed.splice(0)) processEvents.off(event, listener);
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
  const before = events.map((e) => new Set(processEvents.listeners(e)));
  await import('../../../src/main/electron/index');
  events.forEach((e, i) => {
    for (const l of processEvents.listeners(e)) {
      if (!before[i]!.has(l)) installed.push([e, l as (...args: unknown[]) => void]);
    }
  });
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

describe('the last resort in the desktop app', () => {
  it('is installed once, records to userData/wirebench.log and tells the window', async () => {
    const window = await boot({ packaged: true });
    expect(installed.map(([event]) => event).sort()).toEqual([...events].sort());
    const onException = installed.find(([event]) => event === 'uncaughtException')![1];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      // As Node would call it; emitting on the real process would reach vitest's own handler.
      onException(new Error('a bug in one corner'));
    } finally {
      stderr.mockRestore();
    }
    const log = path.join(electron.userData, 'wirebench.log');
    expect(existsSync(log)).toBe(true);
    expect(readFileSync(log, 'utf8')).toMatch(/kept running: Error: a bug in one corner/);
    await vi.waitFor(() => {
      const notices = window.contents.send.mock.calls
        .map(([, message]) => decodeMessage(message as Uint8Array) as EventBatch)
        .flatMap((batch) => batch.events)
        .filter((e) => e.type === 'notice')
        .map((e) => inEnglish(e));
      expect(notices).toContainEqual(
        expect.objectContaining({ level: 'error', message: expect.stringContaining(log) }),
      );
    });
  });
});
