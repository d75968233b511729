// `npm start`: build, then run the desktop app. Where Electron's binary cannot
// be had (it is downloaded from GitHub on first run), say so in one line and
// start the browser mode instead, rather than dying with a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { buildApp, root, serveEntry } from './build-app.mjs';

/** The Electron binary's path, downloading it on the first run; null when that fails. */
function electronBinary() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  return probe.status === 0 && probe.stdout ? probe.stdout.trim() : null;
}

buildApp();
const electron = process.env.WIREBENCH_BROWSER ? null : electronBinary();
const [command, args] = electron
  ? [electron, ['.']]
  : [process.execPath, [serveEntry, ...process.argv.slice(2)]];
if (!electron) {
  console.log(
    'Electron could not be started here (its binary comes from GitHub on first run, and that failed); starting the browser mode instead.',
  );
}
const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
