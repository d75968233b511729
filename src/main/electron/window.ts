import {
  BrowserWindow,
  session,
  type BrowserWindowConstructorOptions,
  type WebContents,
} from 'electron';

/**
 * The one place a window's security is decided (VS Code's
 * defaultBrowserWindowOptions and the Electron security checklist): a
 * sandboxed, context-isolated renderer with no Node, that cannot navigate
 * away, open windows, or be granted permissions.
 */
export function secureWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Wirebench',
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}

/** Navigation and new windows are refused for every web contents we make. */
export function lockDown(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** No camera, no notifications, no geolocation: a socket tool needs none. */
export function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export function createMainWindow(options: {
  preload: string;
  url: string;
  isAppUrl: (url: string) => boolean;
  bounds?: Partial<Pick<BrowserWindowConstructorOptions, 'x' | 'y' | 'width' | 'height'>>;
}): BrowserWindow {
  const window = new BrowserWindow({ ...secureWindowOptions(options.preload), ...options.bounds });
  lockDown(window.webContents, options.isAppUrl);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}
