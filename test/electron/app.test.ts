import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../src/shared/contract/operation-names';

/**
 * The real app in the real Electron, where there is one. Electron's npm
 * package fetches its binary from GitHub on first use, so an offline machine
 * has none; there these tests are reported as skipped, with the reason in the
 * title. Everything they check is also proven without Electron by
 * test/unit/electron (window options, IPC sender checks, preload surface).
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = path.join(ROOT, 'out/main/index.js');

/**
 * The path `require('electron')` would return, without its side effect: on a
 * missing binary that require() starts a download (and prints to the
 * console), so read the same path.txt it reads instead. Null when absent.
 */
function electronBinary(): string | null {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
    const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
    const binary = override
      ? path.join(override, relative || 'electron')
      : relative && path.join(dir, 'dist', relative);
    return binary && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const hasDisplay =
  process.platform !== 'linux' || Boolean(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']);
const skipReason = !binary
  ? 'Electron binary not installed (offline machine): real-app tests skipped'
  : !hasDisplay
    ? 'no display (set DISPLAY, e.g. run under xvfb-run): real-app tests skipped'
    : 'the built app in Electron';
const canRun = binary !== null && hasDisplay;
// Said once in the run's output too, not only in the verbose reporter's titles.
if (!canRun) console.info(`test/electron: ${skipReason}`);

describe(skipReason, () => {
  let app: ElectronApplication | undefined;
  let page: Page;

  beforeAll(async () => {
    if (!canRun || !binary) return;
    expect(existsSync(MAIN), `${MAIN} is missing: run npm run build first`).toBe(true);
    const args = [ROOT];
    // Chromium refuses to run as root with its sandbox on (CI runs as root).
    if (process.getuid?.() === 0) args.unshift('--no-sandbox');
    app = await _electron.launch({ executablePath: binary, args, cwd: ROOT, timeout: 45_000 });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it.skipIf(!canRun)('opens one window titled Wirebench, served from app://', async () => {
    expect(app?.windows()).toHaveLength(1);
    expect(await page.title()).toBe('Wirebench');
    await page.getByRole('heading', { name: 'Wirebench' }).waitFor({ state: 'visible' });
    expect(page.url()).toBe('app://wirebench/index.html');
  });

  it.skipIf(!canRun)('gives the page window.wirebench of functions only, and no Node', async () => {
    const surface = await page.evaluate(() => {
      const api = (globalThis as unknown as { wirebench: Record<string, unknown> }).wirebench;
      return {
        keys: Object.keys(api).sort(),
        allFunctions: Object.values(api).every((v) => typeof v === 'function'),
        require: typeof (globalThis as unknown as { require?: unknown }).require,
        process: typeof (globalThis as unknown as { process?: unknown }).process,
      };
    });
    expect(surface).toEqual({
      keys: [...OPERATION_NAMES, 'onEvents'].sort(),
      allFunctions: true,
      require: 'undefined',
      process: 'undefined',
    });
  });

  it.skipIf(!canRun)('answers a request through the real IPC bridge', async () => {
    const result = await page.evaluate(() =>
      (
        globalThis as unknown as { wirebench: { appInfo(r: object): Promise<unknown> } }
      ).wirebench.appInfo({}),
    );
    expect(result).toMatchObject({ ok: true, value: { mode: 'electron' } });
  });
});
