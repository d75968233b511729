import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MessageCode } from '../../src/shared/messages/catalogue';
import { openBrowser, type BrowserSession } from './browser';
import { typeAndSend } from './monaco';
import { startServe, type ServeProcess } from './serve-process';

/**
 * The e2e harness: the built browser mode on a free loopback port and
 * Chromium on it, one pair per test file, and what a person does in the
 * connection panel. Every e2e file starts here, so the launch flags, the
 * loopback-only guard and the console-error check are the same everywhere.
 */
export interface E2eApp {
  readonly serve: ServeProcess;
  readonly session: BrowserSession;
  /** The file's last test: no console error, no page error, no request off loopback. */
  itHadNoProblems(): void;
  /**
   * Stops the app (SIGTERM, unless it is already dead: a test may have
   * killed it) and starts it again with `serveArgs`, then loads the page
   * from the new one in the same browser: a restart and a reload.
   */
  restart(serveArgs: string[], serveOptions?: Parameters<typeof startServe>[1]): Promise<void>;
  /** A peer the file started (socat, ncat, openssl), killed after its tests. */
  track<T extends { kill(): void }>(peer: T): T;
}

/**
 * Starts the app and Chromium before the file's tests and closes both
 * after them (after the file's own afterAll hooks, which vitest runs first).
 */
export function useE2eApp(
  serveArgs: string[] = [],
  serveOptions: Parameters<typeof startServe>[1] = {},
): E2eApp {
  let serve: ServeProcess | undefined;
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    serve = await startServe(serveArgs, serveOptions);
    session = await openBrowser(serve.url);
  });
  const peers: Array<{ kill(): void }> = [];
  afterAll(async () => {
    peers.forEach((p) => p.kill());
    await session?.close();
    await serve?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The e2e app is not started (only inside a test)');
    return value;
  };
  const app: E2eApp = {
    get serve() {
      return started(serve);
    },
    get session() {
      return started(session);
    },
    async restart(args, options = {}) {
      const page = app.session.page;
      // Away first, so the page does not report its socket dropping as an error.
      await page.goto('about:blank');
      await app.serve.stop();
      serve = await startServe(args, options);
      await page.goto(serve.url);
    },
    itHadNoProblems() {
      it('had no console errors and made no request off loopback', () => {
        expect(app.session.problems).toEqual([]);
      });
    },
    track(peer) {
      peers.push(peer);
      return peer;
    },
  };
  return app;
}

/** The open connection's panel. */
export const panel = (page: Page): Locator => page.getByRole('tabpanel');

/** A counter in the panel by its label ("RX bytes", "TX chunks", …). */
export const counter = (page: Page, name: string): Locator =>
  panel(page).getByLabel(name, { exact: true });

/** A counter's value as a number (its thousands separators dropped). */
export async function count(page: Page, name: string): Promise<number> {
  return Number((await counter(page, name).textContent())?.replace(/\D/g, ''));
}

export const newConnectionDialog = (page: Page): Locator =>
  page.getByRole('dialog', { name: 'New connection' });

/** Opens "New connection" and fills kind, host and port, leaving the dialog open for more. */
export async function fillNewConnection(
  page: Page,
  kind: string,
  host: string,
  port: string | number,
): Promise<Locator> {
  await page.getByRole('button', { name: 'New connection' }).click();
  const dialog = newConnectionDialog(page);
  await dialog.getByLabel('Kind', { exact: true }).selectOption({ label: kind });
  await dialog.getByLabel('Host', { exact: true }).fill(host);
  await dialog.getByLabel('Port', { exact: true }).fill(String(port));
  return dialog;
}

/** Presses Open and waits for the dialog to close. */
export async function submitNewConnection(page: Page): Promise<void> {
  const dialog = newConnectionDialog(page);
  await dialog.getByRole('button', { name: 'Open' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** The local port the panel shows (the system's choice when port 0 was asked for). */
export async function localPort(page: Page): Promise<number> {
  const local = await panel(page).locator('.local-address code').textContent();
  return Number(/:(\d+)$/.exec(local ?? '')?.[1]);
}

/**
 * Opens a connection through "New connection" as a person would and returns
 * the local port it shows.
 */
export async function openConnectionInUi(
  page: Page,
  kind: string,
  host: string,
  port: string | number,
): Promise<number> {
  await fillNewConnection(page, kind, host, port);
  await submitNewConnection(page);
  return localPort(page);
}

/** Opens a TCP server on a free loopback port from the UI, its messages cut at each "\n"; its port. */
export async function openLineServerInUi(page: Page): Promise<number> {
  const port = await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);
  await panel(page).getByLabel('Framing', { exact: true }).selectOption({ label: 'Delimiter' });
  await panel(page).getByLabel('Delimiter', { exact: true }).fill('\\n');
  return port;
}

/** Opens a TCP client to 127.0.0.1:`port` from the UI and waits until the panel says it is connected. */
export async function connectInUi(page: Page, port: number): Promise<void> {
  await fillNewConnection(page, 'TCP client', '127.0.0.1', port);
  await submitNewConnection(page);
  await expect.poll(() => panel(page).getByText('Connected', { exact: true }).count()).toBe(1);
}

/** Types hex into the payload editor and sends it. */
export async function sendHex(page: Page, hex: string): Promise<void> {
  await panel(page).getByRole('radio', { name: 'Hex' }).check();
  await typeAndSend(page, hex);
}

/**
 * Chooses where Send goes on a listener: types into the "Send to" peer
 * picker and picks the option (an empty text picks all peers).
 */
export async function chooseSendTarget(page: Page, text: string): Promise<void> {
  const box = panel(page).getByRole('combobox', { name: 'Send to' });
  await box.click();
  await box.fill(text);
  const name = text === '' ? 'All peers' : text;
  const list = panel(page).getByRole('listbox', { name: 'Send to' });
  await list.getByRole('option', { name, exact: true }).click();
  await expect.poll(() => box.inputValue()).toBe(name);
}

/**
 * Waits until `where` shows `chinese` (the sentence of `code` with its values,
 * in 简体中文) and returns the text shown.
 */
export async function saidInChinese(
  where: Locator,
  code: MessageCode,
  chinese: RegExp,
): Promise<string> {
  await expect.poll(() => where.textContent(), { timeout: 15_000, message: code }).toMatch(chinese);
  const shown = (await where.textContent()) ?? '';
  expect(shown, code).toMatch(/\p{Script=Han}/u);
  return shown;
}
