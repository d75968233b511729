import type { Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type BrowserSession } from '../helpers/browser';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { startTcpSink, type TcpSink } from '../helpers/tcp-sink';
import { openConnectionInUi, panel, saidInChinese } from '../helpers/e2e';

/**
 * The window starts without Monaco: start-up never asks for Monaco's chunks
 * (nor xterm's, fetched when the Terminal view is chosen), the shell answers
 * while they are held back, a plain "Payload" box stands in the editor's
 * place, and Monaco, once let through, takes over the draft and the focus. Structural, never timed: the chunks
 * wait on page.route until the test lets them go.
 */
const MONACO_CHUNK = /\/assets\/monaco-[^/]*\.js$/;
const XTERM_CHUNK = /\/assets\/xterm-[^/]*\.js$/;

let serve: ServeProcess;
let session: BrowserSession | undefined;
let sink: TcpSink | undefined;

beforeAll(async () => {
  serve = await startServe();
});

afterEach(async () => {
  await session?.close();
  session = undefined;
  await sink?.close();
  sink = undefined;
});

afterAll(async () => {
  await serve?.stop();
});

const monacoLines = (page: Page) => panel(page).locator('.payload-editor .view-lines');
const payloadBox = (page: Page) =>
  panel(page).getByRole('textbox', { name: 'Payload', exact: true });
const monacoText = async (page: Page): Promise<string> =>
  ((await monacoLines(page).textContent()) ?? '').replace(/\u00a0/g, ' ');

interface Held {
  requested: string[];
  held: Route[];
  released: boolean;
}

/** Notes every request the page makes, and holds Monaco's chunks until `release`. */
async function holdMonaco(page: Page, state: Held): Promise<void> {
  page.on('request', (r) => state.requested.push(r.url()));
  await page.route(MONACO_CHUNK, (route) => {
    if (state.released) return route.fallback();
    state.held.push(route);
  });
}

async function release(state: Held): Promise<void> {
  state.released = true;
  for (const route of state.held.splice(0)) await route.fallback();
}

describe('start-up without Monaco', () => {
  it('answers with Monaco held back, then Monaco takes over the typed draft and the focus', async () => {
    const state: Held = { requested: [], held: [], released: false };
    session = await openBrowser(serve.url, { prepare: (page) => holdMonaco(page, state) });
    const { page } = session;

    // The shell works: the dialog opens and closes, and nothing of Monaco or xterm was asked for.
    await page.getByRole('button', { name: 'New connection' }).click();
    await page.getByRole('dialog', { name: 'New connection' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'New connection' }).waitFor({ state: 'detached' });
    const heavy = (url: string) => MONACO_CHUNK.test(url) || XTERM_CHUNK.test(url);
    expect(state.requested.filter(heavy)).toEqual([]);

    // The first editor shown asks for Monaco; while it is held, a plain Payload box stands in.
    await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);
    await expect.poll(() => state.held.length).toBeGreaterThan(0);
    await payloadBox(page).waitFor();
    expect(await monacoLines(page).count()).toBe(0);
    expect(await payloadBox(page).getAttribute('aria-busy')).toBe('true');

    // The rest of the tab answers meanwhile: the log's views switch.
    await panel(page).getByRole('tab', { name: 'Hex' }).click();
    expect(await panel(page).getByRole('tab', { name: 'Hex' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    // What is typed in the stand-in is the draft: the preview shows its bytes.
    await payloadBox(page).click();
    await page.keyboard.type('hello');
    await expect
      .poll(() => panel(page).getByRole('region', { name: 'Preview' }).textContent())
      .toContain('68 65 6C 6C 6F');
    expect(state.requested.filter((u) => XTERM_CHUNK.test(u))).toEqual([]);
    await session.screenshot('fast-start-placeholder');

    // Let Monaco through: it shows the same draft and takes the focus where the caret was.
    await release(state);
    await monacoLines(page).waitFor();
    await expect.poll(() => monacoText(page)).toBe('hello');
    await expect.poll(() => panel(page).locator('textarea[aria-busy]').count()).toBe(0);
    await expect
      .poll(() => page.evaluate('!!document.activeElement?.closest(".monaco-editor")'))
      .toBe(true);
    await page.keyboard.type(' world');
    await expect.poll(() => monacoText(page)).toBe('hello world');
    await expect(payloadBox(page).count()).resolves.toBe(1); // Monaco's own, same name
    await session.screenshot('fast-start-monaco');

    // xterm.js too comes in its own chunk, when the Terminal view is first chosen.
    await panel(page).getByRole('tab', { name: 'Terminal' }).click();
    await panel(page).locator('.xterm').waitFor();
    expect(state.requested.filter((u) => XTERM_CHUNK.test(u)).length).toBeGreaterThan(0);
    expect(session.problems).toEqual([]);
  });

  it('keeps editing and sending in the plain box, and says so, when Monaco cannot be loaded', async () => {
    sink = await startTcpSink();
    session = await openBrowser(serve.url, {
      prepare: async (page) => {
        await page.route(MONACO_CHUNK, (route) => route.abort());
      },
    });
    const { page } = session;
    await openConnectionInUi(page, 'TCP client', '127.0.0.1', sink.port);
    await panel(page).getByText('Connected', { exact: true }).waitFor();
    await page
      .getByRole('status')
      .getByText('The payload editor could not be loaded', { exact: false })
      .waitFor();

    await payloadBox(page).click();
    await page.keyboard.type('ping');
    await page.keyboard.press('ControlOrMeta+Enter');
    expect((await sink.waitForBytes(4)).toString()).toBe('ping');
    expect(await monacoLines(page).count()).toBe(0);
    await session.screenshot('fast-start-no-monaco');
    // In Chinese too: the window's own notice is kept as a message and said again.
    await page.getByLabel('Language').selectOption('zh-CN');
    await saidInChinese(
      page.getByRole('status'),
      'window.editor-load-failed',
      /无法载入数据编辑器（.+）；此处的纯文本框仍可编辑和发送。/,
    );
    await page.getByLabel('语言').selectOption('en');
    // The only problems are the refused chunk and what the page said about it.
    expect(session.problems.every((p) => /monaco|Failed to load|fetch/i.test(p))).toBe(true);
  });
});
