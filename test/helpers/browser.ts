import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium';
import { ROOT } from './serve-process';

export const SCREENSHOT_DIR = path.join(ROOT, 'screenshots');

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and blocked requests seen so far. */
  problems: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

const LOOPBACK = /^(https?|wss?):\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//;

/**
 * Chromium on the app's browser mode, with every non-loopback request
 * blocked and every console error recorded, so a test can fail on either.
 */
export async function openBrowser(
  url: string,
  options: {
    colorScheme?: 'light' | 'dark';
    locale?: string;
    /** Runs on the new page before it navigates: routes, listeners, init scripts. */
    prepare?: (page: Page) => Promise<unknown>;
    /**
     * false: no request goes through Playwright's interception (each one
     * costs a round trip to Node, ~100 ms on a busy machine, which a timing
     * of page loads must not include). The page's CSP still keeps it on its
     * own origin. Tests keep the default.
     */
    blockOutside?: boolean;
  } = {},
): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
  });
  const problems: string[] = [];
  if (options.blockOutside !== false) {
    await context.route('**/*', (route) => {
      const target = route.request().url();
      if (LOOPBACK.test(target) || target.startsWith('data:') || target.startsWith('blob:')) {
        return route.continue();
      }
      problems.push(`blocked request to ${target}`);
      return route.abort();
    });
  }
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await options.prepare?.(page);
  await page.goto(url);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    browser,
    context,
    page,
    problems,
    screenshot: async (name) => {
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    close: () => browser.close(),
  };
}
