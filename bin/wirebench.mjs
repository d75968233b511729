#!/usr/bin/env node
// `wirebench`: the command line (src/cli), built to out/main/cli.js, on plain
// Node. From a clone that was never built, it builds once first (electron-vite
// is a dev dependency there); an installed package ships out/ already built.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'out/main/cli.js');

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  console.error(`wirebench needs Node 20 or later; this is Node ${process.versions.node}`);
  process.exit(1);
}

if (!existsSync(cli)) {
  const builder = path.join(root, 'node_modules/electron-vite/bin/electron-vite.js');
  if (!existsSync(builder)) {
    console.error(`wirebench: ${cli} is missing; run npm install and npm run build in ${root}`);
    process.exit(1);
  }
  console.error('wirebench: building Wirebench once (npm run build)…');
  const built = spawnSync(process.execPath, [builder, 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (built.status !== 0) {
    console.error('wirebench: the build failed; the errors are above');
    process.exit(1);
  }
}

createRequire(import.meta.url)(cli);
