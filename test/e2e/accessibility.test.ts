import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from '../helpers/axe';
import { localPort, openConnectionInUi, panel, sendHex, useE2eApp } from '../helpers/e2e';
import { freePort, isListening, spawnPeer } from '../helpers/peers';

/**
 * axe-core over the main states of the window (empty, the New connection
 * dialog, a server with peers and messages, an error shown) in both themes
 * and both languages: no violation of WCAG 2.x A/AA or axe's best practices.
 */
const app = useE2eApp();

const THEMES = ['Light', 'Dark'] as const;
const LANGUAGES = [
  { label: 'English', settings: 'Settings', theme: 'Theme', done: 'Done' },
  { label: '简体中文', settings: '设置', theme: '主题', done: '完成' },
] as const;
const THEME_ZH: Record<(typeof THEMES)[number], string> = { Light: '浅色', Dark: '深色' };

/** Chooses the language in the header and the theme in Settings, as a person would. */
async function look(
  page: Page,
  language: (typeof LANGUAGES)[number],
  theme: (typeof THEMES)[number],
) {
  const header = page.getByRole('banner');
  await header.getByRole('combobox').first().selectOption({ label: language.label });
  await header.getByRole('button', { name: language.settings, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: language.settings });
  await dialog
    .getByLabel(language.theme, { exact: true })
    .selectOption({ label: language.label === 'English' ? theme : THEME_ZH[theme] });
  await dialog.getByRole('button', { name: language.done }).click();
  await dialog.waitFor({ state: 'detached' });
  await expect
    .poll(() => page.evaluate('document.documentElement.dataset.theme'))
    .toBe(theme.toLowerCase());
}

/** axe in every theme and language over the state `enter` puts the window in (`leave` undoes it). */
async function checkEveryLook(
  page: Page,
  state: string,
  enter?: () => Promise<unknown>,
  leave?: () => Promise<unknown>,
) {
  const found: string[] = [];
  for (const language of LANGUAGES) {
    for (const theme of THEMES) {
      await look(page, language, theme);
      await enter?.();
      found.push(
        ...describeViolations(await axeViolations(page)).map(
          (v) => `${state}, ${theme}, ${language.label}: ${v}`,
        ),
      );
      await app.session.screenshot(
        `a11y-${state}-${theme.toLowerCase()}-${language.label === 'English' ? 'en' : 'zh'}`,
      );
      await leave?.();
    }
  }
  await look(page, LANGUAGES[0], 'Light');
  return found;
}

/** Opens New connection with the key that works in the browser too. */
async function openDialog() {
  const { page } = app.session;
  await page.keyboard.press('Alt+T');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  return dialog;
}

async function closeDialog() {
  const { page } = app.session;
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

describe('accessibility (axe-core)', () => {
  it('the empty window', async () => {
    const { page } = app.session;
    await page.getByRole('button', { name: 'New connection' }).waitFor();
    expect(await checkEveryLook(page, 'empty')).toEqual([]);
  });

  it('the New connection dialog', async () => {
    const { page } = app.session;
    const found = await checkEveryLook(page, 'dialog', openDialog, closeDialog);
    expect(found).toEqual([]);
  });

  it('the Settings dialog and the Keyboard shortcuts sheet', async () => {
    const { page } = app.session;
    const opener = (key: string) => async () => {
      await page.keyboard.press(key);
      await page.getByRole('dialog').waitFor();
    };
    const found = [
      ...(await checkEveryLook(page, 'settings', opener('ControlOrMeta+Comma'), closeDialog)),
      ...(await checkEveryLook(page, 'shortcuts', opener('F1'), closeDialog)),
    ];
    expect(found).toEqual([]);
  });

  it('a server tab with peers and messages', async () => {
    const { page } = app.session;
    const port = await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);
    for (let i = 0; i < 2; i++) {
      const socat = spawnPeer('socat', ['-', `TCP:127.0.0.1:${port}`]);
      app.track(socat);
      socat.write(Buffer.from(`hello ${i}\r\n`));
    }
    await expect.poll(() => panel(page).getByText('Peers (2)').count()).toBe(1);
    await sendHex(page, '01 02 03');
    await expect.poll(() => page.getByRole('log').textContent()).toContain('01 02 03');
    expect(await checkEveryLook(page, 'server')).toEqual([]);
  });

  it('an error shown: a refused client in the dialog, a port in use in the tab', async () => {
    const { page } = app.session;
    // The server of the test before: closed, its port taken meanwhile, Open fails.
    const taken = await localPort(page);
    await panel(page).getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => panel(page).getByText('Closed', { exact: true }).count()).toBe(1);
    const squatter = spawnPeer('socat', [`TCP-LISTEN:${taken},bind=127.0.0.1,reuseaddr`, '-']);
    app.track(squatter);
    await expect.poll(() => isListening(taken)).toBe(true);
    await panel(page).getByRole('button', { name: 'Open', exact: true }).click();
    const sentence = `Port ${taken} on 127.0.0.1 is already in use`;
    await expect.poll(() => page.locator('.notice-error').textContent()).toContain(sentence);
    await expect.poll(() => panel(page).getByText('Failed', { exact: true }).count()).toBe(1);

    const port = await freePort();
    const found = await checkEveryLook(
      page,
      'refused',
      async () => {
        const dialog = await openDialog();
        await dialog.getByRole('combobox').first().selectOption('tcp-client');
        await dialog.locator('input').nth(1).fill(String(port));
        await dialog.locator('button[type=submit]').click();
        await dialog.getByRole('alert').waitFor();
      },
      closeDialog,
    );
    expect(found).toEqual([]);
  });

  app.itHadNoProblems();
});
