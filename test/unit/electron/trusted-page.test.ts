import { beforeEach, describe, expect, it, vi } from 'vitest';

/** Which page the trusted window loads, packaged or not, whatever the environment says. */
const electron = vi.hoisted(() => ({ app: { isPackaged: false } }));
vi.mock('electron', () => electron);

const { trustedPageUrl } = await import('../../../src/main/electron/trusted-page');

const devServer = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
const hostile = { ELECTRON_RENDERER_URL: 'https://evil.example/' };

beforeEach(() => {
  electron.app.isPackaged = false;
});

describe('trustedPageUrl', () => {
  it('a packaged app loads its own files, whatever ELECTRON_RENDERER_URL says', () => {
    electron.app.isPackaged = true;
    expect(trustedPageUrl(hostile)).toBe('app://wirebench/index.html');
    expect(trustedPageUrl(devServer)).toBe('app://wirebench/index.html');
    expect(trustedPageUrl({})).toBe('app://wirebench/index.html');
  });

  it('while developing, the dev server when one is named, else the app files', () => {
    expect(trustedPageUrl(devServer)).toBe('http://localhost:5173/');
    expect(trustedPageUrl({ ELECTRON_RENDERER_URL: '' })).toBe('app://wirebench/index.html');
    expect(trustedPageUrl({})).toBe('app://wirebench/index.html');
  });

  it('reads the process environment by default', () => {
    electron.app.isPackaged = true;
    vi.stubEnv('ELECTRON_RENDERER_URL', hostile.ELECTRON_RENDERER_URL);
    try {
      expect(trustedPageUrl()).toBe('app://wirebench/index.html');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
