import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  fillNewConnection,
  localPort,
  openConnectionInUi,
  panel,
  sendHex,
  submitNewConnection,
  useE2eApp,
} from '../helpers/e2e';
import { editorText } from '../helpers/monaco';
import {
  freePort,
  isListening,
  socatListener,
  spawnPeer,
  type PeerProcess,
} from '../helpers/peers';

/**
 * The habits of issue 12 as a person meets them in Chromium: Settings
 * (theme, font sizes, time format) applied at once and kept, the keyboard
 * shortcuts and their sheet, the empty state, Open on a closed tab, and a
 * client that reconnects by itself.
 */
const app = useE2eApp();

const connectionTabs = (page: Page) =>
  page.getByRole('tablist', { name: 'Connections' }).getByRole('tab');
const settingsDialog = (page: Page) => page.getByRole('dialog', { name: 'Settings' });
const css = (page: Page, selector: string, property: string) =>
  page.evaluate(
    `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`,
  ) as Promise<string>;

async function socatOn(port: number): Promise<PeerProcess> {
  return app.track((await socatListener(port)).peer);
}

describe('settings and habits in Chromium', () => {
  it('the empty window names every kind of connection and the key that opens one here', async () => {
    const { page } = app.session;
    const empty = page.locator('.empty-state');
    await expect.poll(() => empty.textContent()).toContain('TCP server or client');
    const text = await empty.textContent();
    for (const kind of ['UDP', 'TLS server or client', 'relay', 'Alt+T']) {
      expect(text).toContain(kind);
    }
  });

  it('the shortcuts sheet opens with F1 and ?, lists every shortcut, and is honest about the browser', async () => {
    const { page } = app.session;
    await page.keyboard.press('F1');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    const rows = await sheet.getByRole('row').allTextContents();
    for (const line of [
      'Alt+TNew connection',
      'Alt+WClose the connection and its tab',
      'Alt+Page DownNext connection tab',
      'Alt+Page UpPrevious connection tab',
      'Ctrl+EnterSend the payload (in the editor)',
      'Ctrl+FFind in the log',
      'F3 or Shift+F3Next / previous match in the log',
      'Ctrl+,Settings',
      'F1 or ?This list (when not typing in a field)',
    ]) {
      expect(rows).toContain(line);
    }
    expect(await sheet.textContent()).toContain(
      'Ctrl+T, Ctrl+W and Ctrl+Tab belong to the browser',
    );
    await app.session.screenshot('shortcuts-sheet');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });

    await page.keyboard.press('Shift+Slash'); // "?"
    await sheet.waitFor();
    await page.getByRole('banner').getByRole('combobox').selectOption({ label: '简体中文' });
    const zh = page.getByRole('dialog', { name: '键盘快捷键' });
    expect(await zh.getByRole('row').allTextContents()).toContain('Alt+T新建连接');
    await app.session.screenshot('shortcuts-sheet-zh');
    await page.keyboard.press('Escape');
    await page.getByRole('banner').getByRole('combobox').selectOption({ label: 'English' });
  });

  it('keys: Alt+T and Ctrl+T open New connection, Ctrl+Tab and Alt+Page Down move between tabs, Ctrl+F finds', async () => {
    const { page } = app.session;
    await page.keyboard.press('Alt+T');
    const dialog = page.getByRole('dialog', { name: 'New connection' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Headless Chromium hands the page what a windowed browser keeps; the desktop app gets it too.
    await page.keyboard.press('Control+T');
    await dialog.waitFor();
    await page.keyboard.press('Escape');

    const first = await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);
    const second = await openConnectionInUi(page, 'UDP', '127.0.0.1', 0);
    const selected = () =>
      page.locator('[role=tab][aria-selected=true] .tab-address').textContent();
    expect(await selected()).toContain(String(second));
    await page.locator('body').click({ position: { x: 5, y: 780 } });
    await page.keyboard.press('Control+Tab');
    await expect.poll(selected).toContain(String(first));
    await page.keyboard.press('Control+Shift+Tab');
    await expect.poll(selected).toContain(String(second));
    await page.keyboard.press('Alt+PageDown');
    await expect.poll(selected).toContain(String(first));
    await page.keyboard.press('Alt+PageUp');
    await expect.poll(selected).toContain(String(second));

    const find = panel(page).getByRole('searchbox', { name: 'Find' });
    await find.waitFor(); // the log comes a task after the tab
    await page.keyboard.press('ControlOrMeta+F');
    await expect
      .poll(() => find.evaluate((el) => el === el.ownerDocument.activeElement))
      .toBe(true);
    // A "?" typed in a field is text, not the sheet.
    await page.keyboard.type('?');
    expect(await find.inputValue()).toBe('?');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await find.fill('');

    await page.keyboard.press('Alt+W'); // closes the UDP tab
    await expect.poll(() => connectionTabs(page).count()).toBe(1);
    expect(await selected()).toContain(String(first));
  });

  it('Settings: Dark applies at once to the page, Monaco and xterm; sizes and time format too; kept after a reload', async () => {
    const { page } = app.session;
    const port = await localPort(page);
    const socat = spawnPeer('socat', ['-', `TCP:127.0.0.1:${port}`]);
    app.track(socat);
    socat.write(Buffer.from('ping\r\n'));
    await expect.poll(() => page.getByRole('log').textContent()).toContain('70 69 6E 67');
    await sendHex(page, '4F 4B');
    await expect.poll(() => page.getByRole('log').textContent()).toContain('4F 4B');
    const lightBackground = await css(page, 'body', 'backgroundColor');

    await page.keyboard.press('ControlOrMeta+Comma');
    const dialog = settingsDialog(page);
    await dialog.waitFor();
    expect(await dialog.getByLabel('Theme').inputValue()).toBe('system');
    expect(await dialog.getByLabel('Theme').locator('option').allTextContents()).toEqual([
      'System',
      'Light',
      'Dark',
    ]);
    await dialog.getByLabel('Theme').selectOption({ label: 'Dark' });
    await dialog.getByLabel('Editor font size').selectOption('18');
    await dialog.getByLabel('Log font size').selectOption('15');
    await dialog.getByLabel('Time in the log').selectOption({ label: 'Since the first message' });
    await app.session.screenshot('settings-dark');
    await dialog.getByRole('button', { name: 'Done' }).click();

    expect(await css(page, 'body', 'backgroundColor')).toBe('rgb(30, 30, 30)');
    expect(lightBackground).toBe('rgb(255, 255, 255)');
    await expect.poll(() => panel(page).locator('.monaco-editor.vs-dark').count()).toBe(1);
    await expect.poll(() => css(page, '.payload-editor .view-lines', 'fontSize')).toBe('18px');
    expect(await css(page, '.msg-spacer .msg-row', 'fontSize')).toBe('15px');
    const times = await panel(page).locator('.msg-spacer .c-time').allTextContents();
    expect(times[0]).toMatch(/^\+/);
    await app.session.screenshot('server-dark-theme');

    await panel(page).getByRole('tab', { name: 'Terminal' }).click();
    // xterm paints its theme's background on this element.
    const viewport = panel(page).locator('.xterm-scrollable-element');
    await viewport.waitFor();
    expect(await css(page, '.terminal-host .xterm-scrollable-element', 'backgroundColor')).toBe(
      'rgb(37, 37, 38)',
    );
    await page.keyboard.press('ControlOrMeta+Comma');
    await settingsDialog(page).getByLabel('Theme').selectOption({ label: 'Light' });
    await page.keyboard.press('Escape');
    await expect
      .poll(() => css(page, '.terminal-host .xterm-scrollable-element', 'backgroundColor'))
      .toBe('rgb(243, 244, 246)');
    await expect.poll(() => panel(page).locator('.monaco-editor.vs').count()).toBe(1);
    await panel(page).getByRole('tab', { name: 'Messages' }).click();

    await page.keyboard.press('ControlOrMeta+Comma');
    await settingsDialog(page).getByLabel('Theme').selectOption({ label: 'Dark' });
    await page.keyboard.press('Escape');
    await page.reload();
    await connectionTabs(page).first().waitFor();
    expect(await page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    await page.keyboard.press('ControlOrMeta+Comma');
    const kept = settingsDialog(page);
    expect(await kept.getByLabel('Editor font size').inputValue()).toBe('18');
    expect(await kept.getByLabel('Log font size').inputValue()).toBe('15');
    expect(await kept.getByLabel('Time in the log').inputValue()).toBe('relative');
    await kept.getByLabel('Theme').selectOption({ label: 'System' });
    await kept.getByLabel('Time in the log').selectOption({ label: 'Time of day' });
    await page.keyboard.press('Escape');
    // React applies the choice in its next render, after the key press returns.
    await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe('light');
    socat.kill();
  });

  it('Open on a closed server binds the same port again, and socat bytes arrive', async () => {
    const { page } = app.session;
    const port = await localPort(page);
    await panel(page).getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => panel(page).getByText('Closed', { exact: true }).count()).toBe(1);
    await expect.poll(() => isListening(port)).toBe(false);
    await panel(page).getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => panel(page).getByText('Listening', { exact: true }).count()).toBe(1);
    expect(await localPort(page)).toBe(port);
    const socat = spawnPeer('socat', ['-', `TCP:127.0.0.1:${port}`]);
    app.track(socat);
    socat.write(Buffer.from('again'));
    await expect.poll(() => page.getByRole('log').textContent()).toContain('61 67 61 69 6E');
    await page.keyboard.press('Alt+W');
    await expect.poll(() => connectionTabs(page).count()).toBe(0);
  });

  it('a client with "Reconnect automatically" waits, says when it tries next, and comes back', async () => {
    const { page } = app.session;
    const port = await freePort();
    const first = await socatOn(port);
    const dialog = await fillNewConnection(page, 'TCP client', '127.0.0.1', port);
    await dialog.getByText('Options').click();
    const box = dialog.getByLabel('Reconnect automatically');
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await submitNewConnection(page);
    await expect.poll(() => panel(page).getByText('Connected', { exact: true }).count()).toBe(1);

    first.kill();
    const waiting = panel(page).getByRole('status').filter({ hasText: 'Reconnecting' });
    await expect
      .poll(() => waiting.textContent())
      .toMatch(/Reconnecting (in \d+ s|now)… \(attempt \d+\)/);
    expect(await panel(page).locator('.state-badge').textContent()).toBe('Reconnecting');
    await app.session.screenshot('client-reconnecting');
    expect(await panel(page).getByRole('button', { name: 'Close', exact: true }).count()).toBe(1);

    const second = await socatOn(port);
    await expect
      .poll(() => panel(page).getByText('Connected', { exact: true }).count(), { timeout: 20_000 })
      .toBe(1);
    await sendHex(page, '42 41 43 4B');
    expect((await second.waitForBytes(4)).toString()).toBe('BACK');

    // Close while it waits: it stays closed, and Open is offered.
    second.kill();
    await expect.poll(() => panel(page).locator('.state-badge').textContent()).toBe('Reconnecting');
    await panel(page).getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => panel(page).locator('.state-badge').textContent()).toBe('Closed');
    expect(await panel(page).getByRole('button', { name: 'Open', exact: true }).count()).toBe(1);
    expect(await editorText(page)).toBe('42 41 43 4B');
  });

  app.itHadNoProblems();
});
