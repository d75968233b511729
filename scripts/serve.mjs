// `npm run serve`: Wirebench in a browser. Builds, then runs the browser-mode
// server (the same router and engine as the app) on 127.0.0.1 with a token.
// Extra arguments pass through: npm run serve -- --port 8080
import { spawn } from 'node:child_process';
import { buildApp, root, serveEntry } from './build-app.mjs';

buildApp();
const child = spawn(process.execPath, [serveEntry, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
