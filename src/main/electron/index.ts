import path from 'node:path';
import { app, dialog, Menu, type BrowserWindow } from 'electron';
import { appUrlMatcher, registerAppScheme, serveAppProtocol } from './app-protocol';
import { createBackend } from '../core/backend';
import type { BackendServices } from '../core/handlers/handler-types';
import { registerIpc } from './ipc-transport';
import { LibraryStore } from '../library/library-store';
import { PayloadFileRegistry } from '../payload/file-registry';
import { KeptFiles } from '../payload/kept-files';
import { APP_VERSION } from '../core/version';
import {
  installLastResort,
  lastResortLog,
  LOG_FILE_NAME,
  unexpectedFailureEvent,
} from '../core/last-resort';
import { createMainWindow, denyPermissions } from './window';
import { trustedPageUrl } from './trusted-page';
import { createWorkspace } from '../workspace/create-workspace';
import { chooseWorkspaceFile, workspaceArgument } from './workspace-dialogs';

/**
 * Electron bootstrap only: lifecycle, the window, the menu. Everything a
 * socket does lives in the engine; everything a request does, in the router.
 */
const appUrl = trustedPageUrl();
const isAppUrl = appUrlMatcher(appUrl);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  let window: BrowserWindow | null = null;
  const services: BackendServices = {
    version: APP_VERSION,
    mode: 'electron',
    library: new LibraryStore(app.getPath('userData')),
    payloadFiles: new PayloadFileRegistry(
      new KeptFiles(path.join(app.getPath('userData'), 'payload-files')),
    ),
    // Paths come only from this dialog; the window sees file ids.
    chooseFile: async (purpose) => {
      const filters =
        purpose === 'payload'
          ? []
          : purpose === 'pkcs12'
            ? [{ name: 'PKCS#12', extensions: ['p12', 'pfx'] }]
            : [{ name: 'PEM', extensions: ['pem', 'crt', 'cer', 'key'] }];
      const options = {
        properties: ['openFile' as const],
        filters: [...filters, { name: 'All files', extensions: ['*'] }],
      };
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    chooseWorkspaceFile: (purpose) => chooseWorkspaceFile(window, purpose),
  };
  const backend = createBackend(services, {
    dataDir: app.getPath('userData'),
    capturesDir: path.join(app.getPath('userData'), 'captures'),
    warmLog: true,
  });

  const logFile = path.join(app.getPath('userData'), LOG_FILE_NAME);
  installLastResort(
    lastResortLog({
      file: logFile,
      notify: () => backend.router.event(unexpectedFailureEvent(logFile)),
    }),
  );

  const workspace = createWorkspace(backend, app.getPath('userData'));
  services.workspace = workspace;
  const startFile = workspaceArgument(process.argv);
  // Restored before the window asks for anything: its first listing has the tabs.
  const restored = workspace.start(startFile ? path.resolve(startFile) : undefined);

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

  void Promise.all([app.whenReady(), restored]).then(() => {
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
    void workspace
      .flush()
      .then(() => backend.dispose())
      .finally(() => app.quit());
  });
}
