import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openAutomation, typeSequence } from '../helpers/automation-ui';
import { openConnectionInUi, panel, useE2eApp } from '../helpers/e2e';
import { tokenDevice } from '../helpers/token-device';

/**
 * Sequences as a person writes and runs them, in Chromium on the browser
 * mode: the script in Monaco, run by the main process against the Python
 * device that hands out a token, and against one that does not.
 */
const HANDSHAKE = [
  'send text HELLO\\r\\n',
  'expect text WELCOME within 2000',
  'expect regex /TOKEN=(?<token>\\w+)\\r\\n/ within 500',
  'send text AUTH {{$1}}\\r\\n',
  'expect text OK within 2000',
].join('\n');

const app = useE2eApp();

/** Starts the device and opens a TCP client to it in the window. */
async function connectToDevice(page: Page, mode: 'token' | 'no-token'): Promise<void> {
  const { peer, port } = await tokenDevice(mode);
  app.track(peer);
  await openConnectionInUi(page, 'TCP client', '127.0.0.1', port);
  await panel(page).getByText('Connected', { exact: true }).waitFor();
}

const outcome = (page: Page) =>
  panel(page).getByRole('region', { name: 'Sequence' }).locator('.sequence-outcome');

describe('sequences in Chromium', () => {
  it('marks every problem at its place, and Run waits until they are fixed', async () => {
    const { page } = app.session;
    await connectToDevice(page, 'token');
    const region = await openAutomation(page, 'Sequence');
    await typeSequence(page, 'sned text HELLO\nexpect text OK within 0');
    await expect.poll(() => region.locator('.squiggly-error').count()).toBe(2);
    expect(await region.getByRole('button', { name: 'Run' }).isDisabled()).toBe(true);
    await region.getByText('2 problems in the script: fix them to run it.').waitFor();
    await app.session.screenshot('automation-sequence-markers');
  });

  it('passes against a device that hands out a token; each step shown passed', async () => {
    const { page } = app.session;
    const region = await openAutomation(page, 'Sequence');
    await typeSequence(page, HANDSHAKE);
    await expect.poll(() => region.locator('.squiggly-error').count()).toBe(0);
    await region.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => outcome(page).textContent(), { timeout: 10_000 }).toBe('Passed');
    const steps = region.getByRole('list', { name: 'Steps' }).getByRole('listitem');
    await expect.poll(() => steps.count()).toBe(5);
    expect(await region.locator('.step-passed').count()).toBe(5);
    await app.session.screenshot('automation-sequence-passed');
  });

  it('saves the sequence to the library and loads it back after a reload', async () => {
    const { page } = app.session;
    const region = await openAutomation(page, 'Sequence');
    await region.getByLabel('Sequence name').fill('Login handshake');
    await region.getByRole('button', { name: 'Save sequence' }).click();
    await expect
      .poll(() => region.getByLabel('Saved sequences').locator('option').allTextContents())
      .toContain('Login handshake');
    await page.reload();
    const again = await openAutomation(page, 'Sequence');
    await expect
      .poll(() => again.getByLabel('Saved sequences').locator('option').allTextContents())
      .toContain('Login handshake');
    await again.getByLabel('Saved sequences').selectOption({ label: 'Login handshake' });
    await expect
      .poll(async () =>
        ((await again.locator('.sequence-editor .view-lines').textContent()) ?? '').replace(
          /\u00a0/g,
          ' ',
        ),
      )
      .toContain('send text AUTH {{$1}}\\r\\n');
  });

  it('fails at the expect, with the step and the reason, against a device that gives no token', async () => {
    const { page } = app.session;
    await connectToDevice(page, 'no-token');
    const region = await openAutomation(page, 'Sequence');
    await typeSequence(page, HANDSHAKE);
    await region.getByRole('button', { name: 'Run' }).click();
    await expect
      .poll(() => outcome(page).textContent(), { timeout: 10_000 })
      .toBe(
        'Failed at step 3 (line 3): expect regex /TOKEN=(?<token>\\w+)\\r\\n/: nothing matched within 500 ms; last 32 bytes: 0D 0A',
      );
    expect(await region.locator('.step-failed').count()).toBe(1);
    await app.session.screenshot('automation-sequence-failed');
  });

  it('says the same in Chinese once the language is switched (the reason is rendered, not stored)', async () => {
    const { page } = app.session;
    await page.getByLabel('Language').selectOption('zh-CN');
    try {
      await expect
        .poll(() => panel(page).locator('.sequence-outcome').textContent())
        .toBe(
          '失败 于第 3 步（第 3 行）：expect regex /TOKEN=(?<token>\\w+)\\r\\n/：500 毫秒 内没有匹配；最后 32 个字节：0D 0A',
        );
      await panel(page).getByRole('button', { name: '运行', exact: true }).waitFor();
      await app.session.screenshot('automation-sequence-failed-zh');
    } finally {
      await page.getByLabel('语言').selectOption('en');
    }
    expect(app.session.problems).toEqual([]);
  });
});
