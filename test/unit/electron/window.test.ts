import { EventEmitter } from 'node:events';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The window factory, the CSP and the app protocol, in plain Node: Electron
 * is replaced by a stand-in that records what our code asks of it, and the
 * handlers our code installs are then driven as Electron would drive them.
 */
const electron = vi.hoisted(() => {
  type Handler = (request: Request) => Promise<Response>;
  const state = {
    windows: [] as Array<{ options: unknown; loadURL: ReturnType<typeof vi.fn> }>,
    protocolHandlers: new Map<string, Handler>(),
  };
  return { state };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const { readFile } = await import('node:fs/promises');
  const { fileURLToPath: toPath } = await import('node:url');

  class FakeWebContents extends Emitter {
    setWindowOpenHandler = vi.fn();
  }
  class BrowserWindow extends Emitter {
    webContents = new FakeWebContents();
    loadURL = vi.fn(async () => undefined);
    show = vi.fn();
    constructor(readonly options: unknown) {
      super();
      electron.state.windows.push(this);
    }
  }
  return {
    BrowserWindow,
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
      },
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn((scheme: string, handler: (r: Request) => Promise<Response>) => {
        electron.state.protocolHandlers.set(scheme, handler);
      }),
    },
    // Electron's net.fetch reads file: URLs; Node's fetch cannot, so read the file.
    net: {
      fetch: vi.fn(async (url: string) => {
        const body = await readFile(toPath(url));
        return new Response(body, { status: 200, headers: { 'content-type': 'text/plain' } });
      }),
    },
  };
});

const { net, protocol, session } = await import('electron');
const { createMainWindow, denyPermissions, lockDown, secureWindowOptions } =
  await import('../../../src/main/electron/window');
const { contentSecurityPolicy } = await import('../../../src/main/core/content-security-policy');
const { APP_SCHEME, appUrlMatcher, registerAppScheme, serveAppProtocol } =
  await import('../../../src/main/electron/app-protocol');

type Contents = Parameters<typeof lockDown>[0];
const APP_URL = 'app://wirebench/index.html';
const isAppUrl = appUrlMatcher(APP_URL);

/** A web contents that emits what Electron would and records the window-open handler. */
function fakeContents() {
  const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
  return contents;
}
const navigation = () => ({ preventDefault: vi.fn() });

/** How many times `contents` prevented an `event` sent to it with these arguments. */
function preventions(contents: EventEmitter, event: string, ...args: unknown[]): number {
  const e = navigation();
  contents.emit(event, e, ...args);
  return e.preventDefault.mock.calls.length;
}

beforeEach(() => {
  vi.clearAllMocks();
  electron.state.windows.length = 0;
});

describe('secureWindowOptions', () => {
  const prefs = secureWindowOptions('/app/out/preload/index.cjs').webPreferences ?? {};

  it('sandboxes and isolates the renderer, with no Node anywhere', () => {
    expect(prefs.sandbox).toBe(true);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on, insecure content off and webviews off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('uses the preload path it is given', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(secureWindowOptions('/elsewhere.cjs').webPreferences?.preload).toBe('/elsewhere.cjs');
  });

  it('never enables an experimental or remote feature', () => {
    expect(prefs).not.toHaveProperty('experimentalFeatures', true);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('enableRemoteModule');
  });
});

describe('appUrlMatcher', () => {
  it('accepts our scheme and host, any path', () => {
    expect(isAppUrl('app://wirebench/index.html')).toBe(true);
    expect(isAppUrl('app://wirebench/assets/x.js?y#z')).toBe(true);
  });

  // Node's URL gives all of these the opaque origin "null", like app: itself.
  it('refuses file:, data:, about:blank, javascript: and other hosts of app:', () => {
    for (const url of [
      'file:///etc/passwd',
      'data:text/html,<script>1</script>',
      'about:blank',
      'javascript:alert(1)',
      'app://evil/index.html',
      'app://wirebench.evil/',
      'https://wirebench/',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('matches a dev server by scheme, host and port', () => {
    const dev = appUrlMatcher('http://localhost:5173/');
    expect(dev('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('https://localhost:5173/')).toBe(false);
    expect(dev('http://127.0.0.1:5173/')).toBe(false);
  });
});

describe('lockDown', () => {
  it('prevents navigation to a foreign URL and allows the app URL', () => {
    const contents = fakeContents();
    lockDown(contents as unknown as Contents, isAppUrl);

    for (const url of ['https://evil.example/phish', 'file:///etc/passwd', 'data:text/html,hi'])
      expect(preventions(contents, 'will-navigate', url), url).toBe(1);
    expect(preventions(contents, 'will-navigate', 'app://wirebench/index.html#/log')).toBe(0);
  });

  it('prevents every redirect and every webview attachment', () => {
    const contents = fakeContents();
    lockDown(contents as unknown as Contents, isAppUrl);
    expect(preventions(contents, 'will-redirect', 'https://evil.example/')).toBe(1);
    expect(preventions(contents, 'will-attach-webview', {}, {})).toBe(1);
  });

  it('denies window.open for any URL, including our own', () => {
    const contents = fakeContents();
    lockDown(contents as unknown as Contents, isAppUrl);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    const handler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as (d: {
      url: string;
    }) => unknown;
    expect(handler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler({ url: APP_URL })).toEqual({ action: 'deny' });
  });
});

describe('denyPermissions', () => {
  it('answers every permission request and check with false', () => {
    denyPermissions();
    const request = vi.mocked(session.defaultSession.setPermissionRequestHandler).mock
      .calls[0]?.[0] as unknown as (c: unknown, p: string, cb: (granted: boolean) => void) => void;
    const check = vi.mocked(session.defaultSession.setPermissionCheckHandler).mock
      .calls[0]?.[0] as unknown as (c: unknown, p: string) => boolean;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const callback = vi.fn();
      request(null, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(check(null, permission)).toBe(false);
    }
  });
});

describe('createMainWindow', () => {
  it('builds the window from the secure options, locks it down and loads the app URL', () => {
    const window = createMainWindow({ preload: '/p/index.cjs', url: APP_URL, isAppUrl });
    expect(electron.state.windows).toHaveLength(1);
    const made = electron.state.windows[0] as unknown as {
      options: unknown;
      loadURL: ReturnType<typeof vi.fn>;
      show: ReturnType<typeof vi.fn>;
      webContents: EventEmitter & { setWindowOpenHandler: ReturnType<typeof vi.fn> };
    };
    expect(made).toBe(window);
    expect(made.options).toEqual(secureWindowOptions('/p/index.cjs'));
    expect(made.loadURL).toHaveBeenCalledExactlyOnceWith(APP_URL);
    expect(made.webContents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    expect(preventions(made.webContents, 'will-navigate', 'https://evil.example/')).toBe(1);
    // Shown only once painted, so no white flash.
    expect(made.show).not.toHaveBeenCalled();
    (made as unknown as EventEmitter).emit('ready-to-show');
    expect(made.show).toHaveBeenCalledTimes(1);
  });

  it('lets bounds through but never lets them replace webPreferences', () => {
    createMainWindow({
      preload: '/p/index.cjs',
      url: APP_URL,
      isAppUrl,
      bounds: { x: 10, y: 20, width: 900, height: 700 },
    });
    const options = electron.state.windows[0]?.options as Record<string, unknown>;
    expect(options).toMatchObject({ x: 10, y: 20, width: 900, height: 700 });
    expect(options['webPreferences']).toEqual(secureWindowOptions('/p/index.cjs').webPreferences);
  });
});

/** The CSP as a map from directive to its sources. */
function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) {
      expect(map.has(name), `directive ${name} appears once`).toBe(false);
      map.set(name, sources);
    }
  }
  return map;
}

describe('contentSecurityPolicy', () => {
  const csp = directives(contentSecurityPolicy());

  it('runs scripts from our own files only: no inline, no eval', () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    const all = [...csp.values()].flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(all).not.toContain("'wasm-unsafe-eval'");
    // Inline is allowed for styles alone (Monaco and xterm set style attributes).
    const inline = [...csp].filter(([, s]) => s.includes("'unsafe-inline'")).map(([d]) => d);
    expect(inline).toEqual(['style-src']);
  });

  it('forbids plugins, framing, <base> and form posts', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('names no remote host and no wildcard', () => {
    for (const [directive, sources] of csp) {
      for (const source of sources) {
        expect(source, `${directive} ${source}`).toMatch(/^('[a-z-]+'|data:|blob:)$/);
      }
    }
  });

  it('adds extra connect sources (the browser mode WebSocket) to connect-src only', () => {
    const withWs = directives(contentSecurityPolicy(['ws://127.0.0.1:4000']));
    expect(withWs.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:4000']);
    for (const [directive, sources] of withWs) {
      if (directive !== 'connect-src') expect(sources).toEqual(csp.get(directive));
    }
  });
});

describe('app protocol', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'wirebench-app-protocol-'));
  const rendererDir = path.join(base, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Wirebench</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(base, 'secret.txt'), 'outside the renderer');
  mkdirSync(path.join(base, 'renderer-evil'));
  writeFileSync(path.join(base, 'renderer-evil', 'x.js'), 'sibling with the same prefix');
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  function handler() {
    serveAppProtocol(rendererDir);
    expect(protocol.handle).toHaveBeenCalledTimes(1);
    expect(vi.mocked(protocol.handle).mock.calls[0]?.[0]).toBe(APP_SCHEME);
    const handle = electron.state.protocolHandlers.get(APP_SCHEME);
    if (!handle) throw new Error('no handler registered');
    return (url: string) => handle(new Request(url));
  }
  const fetchedPaths = () =>
    vi.mocked(net.fetch).mock.calls.map(([url]) => fileURLToPath(String(url)));

  it('registers app: as a standard, secure scheme', () => {
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });

  it('serves index.html for / and files below the renderer folder, with the CSP header', async () => {
    const get = handler();
    const index = await get('app://wirebench/');
    expect(index.status).toBe(200);
    expect(await index.text()).toBe(readFileSync(path.join(rendererDir, 'index.html'), 'utf8'));
    expect(index.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(index.headers.get('content-type')).toBe('text/plain');

    const script = await get('app://wirebench/assets/app.js');
    expect(script.status).toBe(200);
    expect(await script.text()).toBe('console.log(1)');
    expect(script.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(fetchedPaths()).toEqual([
      path.join(rendererDir, 'index.html'),
      path.join(rendererDir, 'assets', 'app.js'),
    ]);
  });

  it('refuses paths that leave the renderer folder with 404, without reading them', async () => {
    const get = handler();
    for (const url of [
      'app://wirebench/..%2fsecret.txt',
      'app://wirebench/%2e%2e%2fsecret.txt',
      'app://wirebench/assets/..%2f..%2fsecret.txt',
      'app://wirebench/..%2frenderer-evil/x.js',
      'app://wirebench/..%2f..%2f..%2f..%2f..%2f..%2fetc/passwd',
      'app://wirebench/%2fetc%2fpasswd/..%2f..%2f..%2f..%2f..%2fetc/passwd',
      'app://wirebench/%E0%A4%A',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy'), url).toBeNull();
    }
    expect(net.fetch).not.toHaveBeenCalled();
  });

  it('refuses any host other than wirebench with 404', async () => {
    const get = handler();
    for (const url of ['app://evil/index.html', 'app://wirebench.evil/', 'app://localhost/']) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
    }
    expect(net.fetch).not.toHaveBeenCalled();
  });
});
