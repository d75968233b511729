import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saidInChinese, useE2eApp } from '../helpers/e2e';
import { freePort } from '../helpers/peers';

/**
 * With the UI in 简体中文, the page says in Chinese that it lost the
 * Wirebench process: closed by the process with a code (a request past the
 * WebSocket's limit: 1009), and lost outright (the process ended: 1006).
 * Its own file, since it ends the app it runs against; it has console
 * errors on purpose (the socket's), so no itHadNoProblems.
 */
const app = useE2eApp();

const dialog = (page: Page): Locator => page.getByRole('dialog', { name: '新建连接' });

/** Tries to open a TCP client from 新建连接; the dialog stays open with its alert. */
async function tryToConnect(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: '新建连接' }).click();
  const d = dialog(page);
  await d.getByLabel('类型', { exact: true }).selectOption('tcp-client');
  await d.getByLabel('主机', { exact: true }).fill('127.0.0.1');
  await d.getByLabel('端口', { exact: true }).fill(String(await freePort()));
  await d.getByRole('button', { name: '打开' }).click();
  return d;
}

describe('the page says in Chinese that it lost Wirebench', () => {
  it('a request past the limit: the process closes the socket with 1009', async () => {
    const { page } = app.session;
    await page.getByLabel('Language').selectOption('zh-CN');
    // 65 MiB of payload: past MAX_REQUEST_MESSAGE_BYTES, refused by ws (1009) before decoding.
    const refused: unknown = await page.evaluate(
      'window.wirebench.listEndpoints({ junk: new Uint8Array(65 * 1024 * 1024) })',
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { message: { code: 'app.disconnected', params: { code: '1009' } } },
    });
    const d = await tryToConnect(page);
    await saidInChinese(
      d.getByRole('alert'),
      'app.disconnected',
      /^与 Wirebench 的连接已关闭（1009）；请刷新页面$/,
    );
    await app.session.screenshot('messages-zh-cn-disconnected');
  }, 60_000);

  it('the process ends: the connection is lost', async () => {
    const { page } = app.session;
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: '新建连接' }).count()).toBe(1);
    await app.serve.stop();
    const d = await tryToConnect(page);
    await saidInChinese(
      d.getByRole('alert'),
      'app.disconnected-lost',
      /^与 Wirebench 的连接已关闭（被拒绝或已断开）；请刷新页面$/,
    );
  }, 60_000);
});
