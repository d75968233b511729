import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { afterAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { ROOT } from '../helpers/serve-process';

const run = promisify(execFile);
const work = mkdtempSync(path.join(os.tmpdir(), 'wirebench-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A stand-in for the Electron binary: a script that carries the fuse wire
 * where @electron/fuses looks for it (the sentinel, then a version byte, a
 * length byte and one '0'/'1' per fuse), set as Electron ships it.
 */
function standInElectron(): Buffer {
  const shipped = '10110001'; // runAsNode, cookies, NODE_OPTIONS, inspect, asar integrity, asar only, v8, file:
  return Buffer.concat([
    Buffer.from('#!/bin/sh\necho stand-in\nexit 0\n# '),
    Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
    Buffer.from([1, shipped.length]),
    Buffer.from(`${shipped}\n`),
  ]);
}

/**
 * Packaging, checked offline: electron-builder's own validator reads
 * electron-builder.yml, and a Linux "dir" build with a stand-in Electron
 * folder (no download) shows exactly what app.asar would ship.
 */
describe('packaging', () => {
  it('electron-builder.yml passes electron-builder’s own validator', async () => {
    const config = await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.icon).toBe('assets/icon.png');
    expect(config.electronFuses).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true });
    expect(existsSync(path.join(ROOT, 'assets/icon.png'))).toBe(true);
  });

  it('the validator really rejects a wrong configuration (so the check above means something)', async () => {
    const config = await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
    const broken = {
      ...config,
      linux: { ...config.linux, notAnOption: true },
    } as unknown as typeof config;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(
      /configuration\.linux/,
    );
  });

  it('a dir build ships the built app and package.json, no src, test or dev dependency, and a binary with our fuses', async () => {
    expect(existsSync(path.join(ROOT, 'out/main/index.js')), 'run `npm run build` first').toBe(
      true,
    );
    const dist = path.join(work, 'electron');
    mkdirSync(dist);
    writeFileSync(path.join(dist, 'electron'), standInElectron());
    chmodSync(path.join(dist, 'electron'), 0o755);
    writeFileSync(
      path.join(dist, 'version'),
      `v${pkg.devDependencies.electron.replace(/^\^/, '')}`,
    );
    writeFileSync(path.join(dist, 'LICENSE'), '');
    const output = path.join(work, 'dist');
    await run(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/electron-builder/cli.js'),
        '--linux',
        'dir',
        `-c.electronDist=${dist}`,
        `-c.electronVersion=${pkg.devDependencies.electron.replace(/^\^/, '')}`,
        `-c.directories.output=${output}`,
      ],
      { cwd: ROOT, timeout: 120_000 },
    );
    const files = listPackage(path.join(output, 'linux-unpacked/resources/app.asar'), {
      isPack: false,
    }).map((f) => f.split(path.sep).join('/'));

    for (const needed of [
      '/package.json',
      '/out/main/index.js',
      '/out/main/serve.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
    ]) {
      expect(files).toContain(needed);
    }
    // The command line is not in the desktop package: it needs a plain Node.
    expect(files).not.toContain('/out/main/cli.js');
    expect(files.filter((f) => f.startsWith('/bin/'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('/src/') || f === '/src')).toEqual([]);
    expect(files.filter((f) => f.startsWith('/test/') || f === '/test')).toEqual([]);
    const shippedModules = new Set(
      files.filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/')[2]),
    );
    for (const dev of Object.keys(pkg.devDependencies)) {
      expect(shippedModules.has(dev.split('/')[0] as string), `${dev} is a dev dependency`).toBe(
        false,
      );
    }
    for (const dep of Object.keys(pkg.dependencies)) expect(shippedModules.has(dep)).toBe(true);

    // electron-builder flipped the fuses of electronFuses in the packaged binary.
    // On Linux the executable is named after the package (electron-builder's default).
    const binary = path.join(output, 'linux-unpacked', pkg.name);
    const wire = await getCurrentFuseWire(binary);
    expect(wire.version).toBe('1');
    const fuse = (option: FuseV1Options): string => String.fromCharCode(wire[option] as number);
    const [on, off] = ['1', '0']; // how the wire spells a fuse's state (an 'r' is a removed fuse)
    expect({
      runAsNode: fuse(FuseV1Options.RunAsNode),
      nodeOptions: fuse(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      inspectArguments: fuse(FuseV1Options.EnableNodeCliInspectArguments),
      cookieEncryption: fuse(FuseV1Options.EnableCookieEncryption),
      asarIntegrity: fuse(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      onlyLoadAppFromAsar: fuse(FuseV1Options.OnlyLoadAppFromAsar),
      // Not set by us: left as Electron ships them.
      v8Snapshot: fuse(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot),
      fileProtocol: fuse(FuseV1Options.GrantFileProtocolExtraPrivileges),
    }).toEqual({
      runAsNode: off,
      nodeOptions: off,
      inspectArguments: off,
      cookieEncryption: on,
      asarIntegrity: on,
      onlyLoadAppFromAsar: on,
      v8Snapshot: off,
      fileProtocol: on,
    });
  });
});
