import path from 'node:path';
import { app, Menu, type BrowserWindow } from 'electron';
import { APP_ORIGIN, registerAppScheme, serveAppProtocol } from './app-protocol';
import { createBackend } from './backend';
import { registerIpc } from './transports/electron-ipc';
import { APP_VERSION } from './version';
import { createMainWindow, denyPermissions } from './window';

/**
 * Electron bootstrap only: lifecycle, the window, the menu. Everything a
 * socket does lives in the engine; everything a request does, in the router.
 */
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const appUrl = devServerUrl ?? `${APP_ORIGIN}/index.html`;
const isAppUrl = (url: string): boolean => {
  try {
    return new URL(url).origin === new URL(appUrl).origin;
  } catch {
    return false;
  }
};

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  const backend = createBackend(
    { version: APP_VERSION, mode: 'electron' },
    { capturesDir: path.join(app.getPath('userData'), 'captures') },
  );
  let window: BrowserWindow | null = null;

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
  });

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  void app.whenReady().then(() => {
    denyPermissions();
    serveAppProtocol(path.join(__dirname, '../renderer'));
    const ipc = registerIpc(backend.router, isAppUrl);
    Menu.setApplicationMenu(process.platform === 'darwin' ? Menu.getApplicationMenu() : null);
    window = createMainWindow({
      preload: path.join(__dirname, '../preload/index.cjs'),
      url: appUrl,
      isAppUrl,
    });
    ipc.attach(window.webContents);
    window.on('closed', () => {
      window = null;
    });
    app.once('before-quit', () => ipc.dispose());
  });

  // Closing the window closes every socket: nothing keeps running unseen.
  app.on('window-all-closed', () => {
    void backend.dispose().finally(() => app.quit());
  });
}
