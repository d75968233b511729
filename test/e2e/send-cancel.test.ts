import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnectionInUi, panel, useE2eApp } from '../helpers/e2e';
import { startTcpSink, type TcpSink } from '../helpers/tcp-sink';

/**
 * Cancelling a send that cannot finish, as a person does it: a 16 MiB file
 * to a peer that reads nothing, the bar stalls, Cancel stops it; the counter
 * shows what went, the connection stays, and Send works again.
 */
const app = useE2eApp();
let sink: TcpSink;

beforeAll(async () => {
  sink = await startTcpSink({ paused: true });
});

afterAll(async () => {
  await sink?.close();
});

describe('cancelling a send in Chromium', () => {
  it('shows a stalled send with Cancel, and Cancel stops it leaving the connection usable', async () => {
    const { page } = app.session;
    await openConnectionInUi(page, 'TCP client', '127.0.0.1', sink.port);
    await expect.poll(() => panel(page).getByText('Connected', { exact: true }).count()).toBe(1);
    const data = Buffer.alloc(16 * 1024 * 1024, 0x5a);
    await panel(page).getByLabel('Insert a file…').setInputFiles({
      name: 'firmware.bin',
      mimeType: 'application/octet-stream',
      buffer: data,
    });
    await expect
      .poll(() => panel(page).getByRole('region', { name: 'Preview' }).textContent(), {
        timeout: 15_000,
      })
      .toContain('16,777,216 bytes');

    await panel(page).getByRole('button', { name: 'Send', exact: true }).click();
    const cancel = panel(page).getByRole('button', { name: 'Cancel send' });
    await cancel.waitFor({ state: 'visible', timeout: 15_000 });
    await expect
      .poll(
        () =>
          panel(page)
            .getByText(/ of 16 MiB sent$/)
            .count(),
        { timeout: 15_000 },
      )
      .toBe(1);
    expect(await cancel.textContent()).toBe('Cancel');
    await app.session.screenshot('send-cancel-running');
    // Another tab and back: the send's progress and Cancel are still there.
    await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);
    expect(await panel(page).getByRole('button', { name: 'Cancel send' }).count()).toBe(0);
    await page.getByRole('tab', { name: /TCP client/ }).click();
    await cancel.waitFor({ state: 'visible' });

    await cancel.click();
    await cancel.waitFor({ state: 'detached' });
    const notice = page.getByRole('status').getByText(/^Send cancelled: /);
    await notice.waitFor();
    const sent = Number(
      /^Send cancelled: ([\d,]+) of 16,777,216 bytes/
        .exec(await notice.innerText())?.[1]
        ?.replace(/,/g, ''),
    );
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(data.length);
    // The counter shows exactly what the send says reached the system.
    await expect
      .poll(() => panel(page).getByLabel('TX bytes', { exact: true }).textContent())
      .toBe(sent.toLocaleString('en-US'));
    expect(await panel(page).getByRole('progressbar', { name: 'Send progress' }).count()).toBe(0);
    expect(await panel(page).getByText('Connected', { exact: true }).count()).toBe(1);
    await app.session.screenshot('send-cancel-done');

    // In Chinese too, and a second send (still stalled: the peer reads nothing) cancels the same way.
    await page.getByLabel('Language').selectOption('zh-CN');
    await panel(page).getByRole('button', { name: '发送', exact: true }).click();
    const cancelZh = panel(page).getByRole('button', { name: '取消发送' });
    await cancelZh.waitFor({ state: 'visible', timeout: 15_000 });
    await app.session.screenshot('send-cancel-running-zh-cn');
    await cancelZh.click();
    await cancelZh.waitFor({ state: 'detached' });
    // The notice main sent is said in Chinese, the first one too (said again on the switch).
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .getByText(/^发送已取消：16,777,216 字节中有/)
          .count(),
      )
      .toBe(2);
    await page.getByLabel('语言').selectOption('en');
    expect(app.session.problems).toEqual([]);
  }, 120_000);
});
