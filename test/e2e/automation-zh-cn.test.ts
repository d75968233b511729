import net from 'node:net';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { CHINESE, openAutomation, setAutomationOpen, typeSequence } from '../helpers/automation-ui';
import { connectInUi, panel, saidInChinese, useE2eApp } from '../helpers/e2e';

/**
 * With the UI in 简体中文, what the window itself says about automation is
 * shown in Chinese with its numbers: a periodic send with no saved payload
 * chosen, and "make rules from selection" with nothing to make, with what
 * it made, and with more than a connection holds (MAX_RULES = 256).
 */
const app = useE2eApp();
const servers: net.Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

/** Answers each line `Q<n>` with `A<n·7919 mod 1000>`: a response no copy of the request explains. */
async function device(): Promise<number> {
  const server = net.createServer((s) => {
    s.on('error', () => undefined);
    let buffered = '';
    s.on('data', (d) => {
      buffered += d.toString('latin1');
      let end;
      while ((end = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        const n = /^Q(\d+)$/.exec(line)?.[1];
        if (n !== undefined) s.write(`A${(Number(n) * 7919) % 1000}\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return (server.address() as net.AddressInfo).port;
}

const notices = (page: Page): Locator => page.locator('.notices');

/** Runs a sequence to its end, which must be 通过. */
async function runSequence(page: Page, script: string): Promise<void> {
  const sequence = await openAutomation(page, 'sequence', CHINESE);
  await typeSequence(page, script);
  await sequence.getByRole('button', { name: '运行', exact: true }).click();
  await expect
    .poll(() => sequence.locator('.sequence-outcome').textContent(), { timeout: 30_000 })
    .toBe('通过');
}

/** Selects the log's first row and makes rules from it into this connection's own list. */
async function makeRules(page: Page): Promise<void> {
  await setAutomationOpen(page, false, CHINESE);
  await panel(page).locator('.msg-spacer [role="row"]').first().click();
  await panel(page).getByRole('button', { name: '从选中内容生成规则' }).click();
  await page.getByRole('menuitem').first().click();
}

describe('automation in 简体中文: what the window says', () => {
  it('says a periodic send needs a saved payload, in Chinese', async () => {
    const { page } = app.session;
    await connectInUi(page, await device());
    await page.getByLabel('Language').selectOption('zh-CN');
    const periodic = await openAutomation(page, 'periodic', CHINESE);
    await periodic.getByRole('radio', { name: '已保存的数据' }).check();
    await periodic.getByRole('button', { name: '开始', exact: true }).click();
    await saidInChinese(notices(page), 'automation.periodic-no-item', /请先选择一个已保存的数据/);
  });

  it('says when the selection holds no request with a response, in Chinese', async () => {
    const { page } = app.session;
    // One line the device does not answer: a request with no response.
    await runSequence(page, 'send text HI\\n');
    await makeRules(page);
    await saidInChinese(
      notices(page),
      'automation.rules-made-none',
      /选中的内容中没有后面跟着响应的请求。/,
    );
  });

  it('says how many rules it made, and how many did not fit, in Chinese', async () => {
    const { page } = app.session;
    // 300 requests, each with an answer only its own rule gives: more than a connection holds.
    await runSequence(
      page,
      'repeat 300\n  send text Q{{counter}}\\n\n  expect regex /^A\\d+\\n$/ within 2000\nend',
    );
    await makeRules(page);
    await saidInChinese(
      notices(page),
      'automation.rules-made',
      /已从 300 对请求\/响应生成 256 条规则：请在“自动应答”中检查。/,
    );
    await saidInChinese(
      notices(page),
      'automation.rules-too-many',
      /另有 \d+ 条规则未添加：一个连接最多 256 条规则。/,
    );
    await app.session.screenshot('automation-zh-cn-rules-too-many');
  });

  app.itHadNoProblems();
});
