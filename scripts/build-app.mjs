// Shared by `npm start` and `npm run serve`: build main, preload and renderer into out/.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const serveEntry = path.join(root, 'out/main/serve.js');

export function buildApp() {
  const cli = path.join(root, 'node_modules/electron-vite/bin/electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    console.error('Wirebench could not be built; the errors are above (did `npm install` run?).');
    process.exit(1);
  }
}
