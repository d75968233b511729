import net from 'node:net';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { localPort, panel, saidInChinese, useE2eApp } from '../helpers/e2e';
import { typeInEditor } from '../helpers/monaco';
import { freePort, spawnFloodWriter } from '../helpers/peers';

/**
 * With the UI in 简体中文, what main (and the shared checks the forms use)
 * reports is shown in Chinese with its values, as a person sees it in
 * Chromium: the dialog's failure, a field's problem, the editor's reason,
 * a notice. Switching back to English says the notices again in English:
 * they are kept as codes, never as sentences.
 */
const app = useE2eApp();
const servers: net.Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

/** A plain loopback listener that greets each connection in plain text (no TLS). */
async function listener(greeting?: string): Promise<number> {
  const server = net.createServer((s) => {
    s.on('error', () => undefined);
    if (greeting) s.write(greeting);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return (server.address() as net.AddressInfo).port;
}

const dialog = (page: Page): Locator => page.getByRole('dialog', { name: '新建连接' });

/** Opens 新建连接 and fills kind (by value), host and port, in Chinese. */
async function newConnection(page: Page, kind: string, host: string, port: string | number) {
  await page.getByRole('button', { name: '新建连接' }).click();
  const d = dialog(page);
  await d.getByLabel('类型', { exact: true }).selectOption(kind);
  await d.getByLabel('主机', { exact: true }).fill(host);
  await d.getByLabel('端口', { exact: true }).fill(String(port));
  return d;
}

describe('the UI in 简体中文 says what main reports in Chinese', () => {
  it('says why a connection cannot be opened, in the dialog', async () => {
    const { page } = app.session;
    await page.getByLabel('Language').selectOption('zh-CN');

    const taken = await listener();
    let d = await newConnection(page, 'tcp-server', '127.0.0.1', taken);
    await d.getByRole('button', { name: '打开' }).click();
    await saidInChinese(
      d.getByRole('alert'),
      'socket.address-in-use',
      new RegExp(`^127\\.0\\.0\\.1 上的端口 ${taken} 已被占用$`),
    );
    await app.session.screenshot('messages-zh-cn-port-in-use');
    await d.getByRole('button', { name: '取消' }).click();

    const nobody = await freePort();
    d = await newConnection(page, 'tcp-client', '127.0.0.1', nobody);
    await d.getByRole('button', { name: '打开' }).click();
    await saidInChinese(
      d.getByRole('alert'),
      'socket.refused',
      new RegExp(`^连接 127\\.0\\.0\\.1:${nobody} 被拒绝：那里没有程序在监听$`),
    );
    await d.getByRole('button', { name: '取消' }).click();

    const plain = await listener('220 plain text service ready\r\n');
    d = await newConnection(page, 'tls-client', '127.0.0.1', plain);
    await d.getByRole('button', { name: '打开' }).click();
    const tls = await saidInChinese(
      d.getByRole('alert'),
      'tls.handshake-failed',
      new RegExp(`^与 127\\.0\\.0\\.1:${plain} 的 TLS 握手失败：`),
    );
    expect(tls).toMatch(/对端没有用 TLS 响应（它是普通的 TCP 服务吗？）$/);
    await saidInChinese(d.getByRole('alert'), 'tls.reason.not-tls', /对端没有用 TLS 响应/);
    await d.getByRole('button', { name: '取消' }).click();
  });

  it("says what is wrong with a field as it is typed, with the shared checks' words", async () => {
    const { page } = app.session;
    const d = await newConnection(page, 'tcp-client', 'bad host!', '');
    const host = d.locator('.field', { has: page.getByLabel('主机', { exact: true }) });
    const port = d.locator('.field', { has: page.getByLabel('端口', { exact: true }) });
    await saidInChinese(
      host.locator('.field-error'),
      'address.host-invalid',
      /^“bad host!”不是主机名，也不是 IPv4 或 IPv6 地址$/,
    );
    await saidInChinese(port.locator('.field-error'), 'address.port-empty', /^请输入端口$/);
    await d.getByLabel('端口', { exact: true }).fill('5o2');
    await saidInChinese(port.locator('.field-error'), 'address.port-not-number', /^“5o2”不是整数$/);
    await d.getByLabel('端口', { exact: true }).fill('70000');
    await saidInChinese(
      port.locator('.field-error'),
      'address.port-too-big',
      /^端口 70000 超过了 65535$/,
    );
    await d.getByLabel('端口', { exact: true }).fill('0');
    await saidInChinese(
      port.locator('.field-error'),
      'address.port-zero',
      /^端口 0 只适用于监听端$/,
    );
    await app.session.screenshot('messages-zh-cn-fields');
    await d.getByRole('button', { name: '取消' }).click();
  });

  it('says where a payload is wrong, and why it cannot switch mode', async () => {
    const { page } = app.session;
    const d = await newConnection(page, 'tcp-server', '127.0.0.1', 0);
    await d.getByRole('button', { name: '打开' }).click();
    await d.waitFor({ state: 'detached' });
    await panel(page).getByRole('radio', { name: '十六进制' }).check();
    await typeInEditor(page, '01 03 0G');
    await saidInChinese(
      panel(page).locator('.send-reason'),
      'payload.hex-bad-digit',
      /^第 1 行第 8 列：'G' 不是十六进制数字$/,
    );
    // The switch is refused, so the radio stays where it was: a click, not check().
    await panel(page).getByRole('radio', { name: '文本' }).click();
    await saidInChinese(
      page.getByRole('status'),
      'payload.convert-to-text',
      /请先修正错误再切换到文本：'G' 不是十六进制数字/,
    );
    await typeInEditor(page, '01 03');
    await panel(page).getByRole('radio', { name: '文本' }).check();
    await typeInEditor(page, '\\q');
    await panel(page).getByRole('radio', { name: '十六进制' }).click();
    await saidInChinese(
      page.getByRole('status'),
      'payload.convert-to-hex',
      /请先修正错误再切换到十六进制：未知的转义 '\\q'/,
    );
  });

  it("says why a framing cannot be used, with the field's name", async () => {
    const { page } = app.session;
    await panel(page).getByLabel('分帧', { exact: true }).selectOption('delimiter');
    const delimiter = panel(page).getByLabel('分隔符', { exact: true });
    await delimiter.fill('');
    await saidInChinese(
      panel(page).locator('.framing [role=alert]'),
      'form.invalid',
      /^delimiter: 分隔符为空$/,
    );
    await delimiter.fill('\\r\\n');
  });

  it('says an import in Chinese, and says the notices again in English when switched back', async () => {
    const { page } = app.session;
    const library = {
      version: 1,
      items: [
        {
          id: 'poll',
          name: 'Poll',
          spec: { mode: 'hex', source: '01 03 00 00 00 0A' },
          createdAt: 1,
          updatedAt: 1,
        },
      ],
    };
    await panel(page)
      .locator('.library input[type=file]')
      .setInputFiles({
        name: 'lib.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(library)),
      });
    await saidInChinese(
      page.getByRole('status'),
      'window.library-imported',
      /已向报文库导入 1 条数据。/,
    );
    await app.session.screenshot('messages-zh-cn');
    await page.getByLabel('语言').selectOption('en');
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toMatch(/Fix the errors before switching to Text: 'G' is not a hex digit/);
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toMatch(/1 payload\(s\) imported into the library\./);
    expect(await page.getByRole('status').textContent()).not.toMatch(/\p{Script=Han}/u);
  });

  it('says that a copy of more than it takes stopped at its limit', async () => {
    const { page } = app.session;
    await page.getByLabel('Language').selectOption('zh-CN');
    const d = await newConnection(page, 'tcp-server', '127.0.0.1', 0);
    await d.getByRole('button', { name: '打开' }).click();
    await d.waitFor({ state: 'detached' });
    // 17 MiB: past the 16 MiB a copy takes.
    const bytes = 17 * 1024 * 1024;
    const writer = spawnFloodWriter(await localPort(page), bytes);
    expect(await writer.exited()).toBe(0);
    await panel(page).getByRole('tab', { name: '十六进制' }).click();
    await panel(page).getByLabel('显示', { exact: true }).selectOption('rx');
    await expect
      .poll(() => panel(page).locator('.view-hex .view-bar').textContent(), { timeout: 30_000 })
      .toContain(`${bytes.toLocaleString('zh-CN')} 字节`);
    // By keyboard: the earlier tests' notices lie over the view's bar.
    await panel(page).getByRole('button', { name: '复制为…' }).press('Enter');
    await page.getByRole('menuitem', { name: 'Base64' }).press('Enter');
    await saidInChinese(
      page.getByRole('status'),
      'window.copy-cut',
      /只复制了前 16 MiB：复制到此为止（导出可以取得全部）/,
    );
    await app.session.screenshot('messages-zh-cn-copy-cut');
  });
});

app.itHadNoProblems();
