import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { openConnectionInUi, panel as tabPanel, useE2eApp } from '../helpers/e2e';

/**
 * What a person sees when a listener runs out of file descriptors: the
 * server under `prlimit --nofile=64`, more clients than it can hold, and
 * the refusals counted beside the byte counters, in English and Chinese.
 */
const app = useE2eApp([], { nofile: 64 });
const clients: net.Socket[] = [];

afterAll(() => {
  for (const c of clients) c.destroy();
});

describe('a listener out of file descriptors, in Chromium', () => {
  it('shows the refusals as a counter and the limit in a notice', async () => {
    const { page } = app.session;
    const port = await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);
    for (let i = 0; i < 80; i++) {
      const socket = net.connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      clients.push(socket);
      await new Promise((resolve) => socket.once('connect', resolve));
    }
    const panel = tabPanel(page);
    const refused = panel.getByLabel('Refused', { exact: true });
    await expect.poll(() => refused.count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(async () => Number(await refused.textContent()), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toMatch(/of its 64 file descriptors open \(the soft limit, ulimit -n\)/);
    expect(app.session.problems).toEqual([]);
    await app.session.screenshot('listener-refused-en');

    await page.getByLabel('Language').selectOption('zh-CN');
    await expect.poll(() => panel.getByLabel('已拒绝', { exact: true }).count()).toBe(1);
    // The notice main sent is said again, in Chinese, with its values.
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toMatch(
        /Wirebench 已打开 \d+ 个文件描述符，上限为 64（软限制，ulimit -n），因此 127\.0\.0\.1:\d+ 拒绝新的连接/,
      );
    await app.session.screenshot('listener-refused-zh-cn');
    await page.getByLabel('语言').selectOption('en');
  });
});
