import os from 'node:os';
import path from 'node:path';

/**
 * Where the browser mode keeps its data (the payload library) when no
 * --data-dir is given: the OS's per-user config directory, as Electron's
 * app.getPath('appData') would pick, under "Wirebench".
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), 'Wirebench');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Wirebench');
    default:
      return path.join(env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), 'Wirebench');
  }
}
