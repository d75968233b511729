import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openAutomation, setAutomationOpen } from '../helpers/automation-ui';
import { modbusMaster } from '../helpers/modbus-peers';
import { spawnPeer } from '../helpers/peers';
import { openConnectionInUi, panel, useE2eApp } from '../helpers/e2e';

/**
 * Auto-reply as a person sets it up, in Chromium on the browser mode: rules
 * typed into the Auto-reply panel answer socat and a Python Modbus master
 * (which checks the CRC with its own code).
 */
const app = useE2eApp();

/** Adds a rule and fills in what is given; returns the rule's list item. */
async function addRule(
  page: Page,
  rule: {
    matchAs: string;
    match: string;
    reply: string;
    options?: (item: ReturnType<Page['locator']>) => Promise<void>;
  },
) {
  const region = await openAutomation(page, 'Auto-reply');
  const list = region.getByRole('list', { name: 'Rules' });
  const before = await list
    .getByRole('listitem')
    .count()
    .catch(() => 0);
  await region.getByRole('button', { name: 'Add rule' }).click();
  const item = region.getByRole('listitem', { name: `Rule ${before + 1}`, exact: true });
  await item.getByLabel('Match as').selectOption({ label: rule.matchAs });
  await item.getByLabel('Match', { exact: true }).fill(rule.match);
  await item.getByLabel('Reply', { exact: true }).fill(rule.reply);
  await rule.options?.(item);
  // Applied once the main process has the rule as edited, and reports it back with its hits.
  await region.getByRole('status').getByText('Applied', { exact: true }).waitFor();
  await item.getByText('Hits: 0').waitFor();
  return item;
}

describe('auto-reply in Chromium', () => {
  it('a regex rule answers PING 42 with PONG 42; hits and the log say which rule replied', async () => {
    const { page } = app.session;
    const port = await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);
    const item = await addRule(page, {
      matchAs: 'Regex',
      match: '^PING (\\d+)',
      reply: 'PONG {{$1}}',
      options: async (rule) => {
        await rule.getByText('Reply options, delay, once').click();
        await rule.getByLabel('Line ending').selectOption({ label: 'LF (\\n)' });
      },
    });
    const socat = app.track(spawnPeer('socat', ['-', `TCP:127.0.0.1:${port}`]));
    socat.write(Buffer.from('PING 42\n'));
    expect((await socat.waitForBytes(8)).toString()).toBe('PONG 42\n');
    await item.getByText('Hits: 1').waitFor();
    const log = panel(page).getByRole('grid', { name: 'Messages' });
    await log.getByText('reply by rule 1').waitFor();
    await app.session.screenshot('automation-auto-reply');
    // Folded away, the section leaves the log in view: the reply is marked with its rule.
    await setAutomationOpen(page, false);
    await app.session.screenshot('automation-auto-reply-log');

    // The rules live in the main process: a reloaded window gets them back, hits and all.
    await page.reload();
    // Its rows now come from the main process only (logRows): the reply is still marked.
    await log.getByText('reply by rule 1').waitFor();
    const again = await openAutomation(page, 'Auto-reply');
    const rule = again.getByRole('listitem', { name: 'Rule 1', exact: true });
    await rule.getByText('Hits: 1').waitFor();
    expect(await rule.getByLabel('Match', { exact: true }).inputValue()).toBe('^PING (\\d+)');
    socat.write(Buffer.from('PING 7\n'));
    expect((await socat.waitForBytes(15)).toString()).toBe('PONG 42\nPONG 7\n');
  });

  it('a rule that cannot run says why in place', async () => {
    const { page } = app.session;
    const region = await openAutomation(page, 'Auto-reply');
    await region.getByRole('button', { name: 'Add rule' }).click();
    const item = region.getByRole('listitem', { name: 'Rule 2', exact: true });
    await item.getByLabel('Match as').selectOption({ label: 'Regex' });
    await item.getByLabel('Match', { exact: true }).fill('(a)\\1');
    // The window cannot know it; the main process refuses it, and the rule shows why.
    await item
      .getByRole('alert')
      .getByText(/^This regex could take unbounded time on some messages/)
      .waitFor();
    await item.getByLabel('Match as').selectOption({ label: 'Hex pattern' });
    await item.getByLabel('Match', { exact: true }).fill('01 0Z');
    await item
      .getByRole('alert')
      .getByText(/Z.? is not a hex digit/)
      .waitFor();
    await app.session.screenshot('automation-auto-reply-problem');
    await item.getByRole('button', { name: 'Remove rule 2' }).click();
  });

  it('a hex-pattern rule answers a Modbus read with a reply whose CRC a Python master accepts', async () => {
    const { page } = app.session;
    const port = await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);
    await addRule(page, {
      matchAs: 'Hex pattern',
      match: '01 03 ?? ?? 00 01 ?? ??',
      reply: '01 03 02 00 2A',
      options: async (rule) => {
        await rule.getByText('Reply options, delay, once').click();
        await rule.getByRole('radio', { name: 'Hex' }).check();
        await rule.getByLabel('Reply', { exact: true }).fill('01 03 02 00 2A');
        await rule.getByLabel('Checksum', { exact: true }).selectOption({ label: 'CRC-16/MODBUS' });
      },
    });
    const master = app.track(
      modbusMaster(port, [{ request: '010300000001', answerLength: 7 }], { appendCrc: true }),
    );
    expect((await master.waitForBytes(20)).toString().trim()).toBe('010302002A399B crc-ok');
    expect(app.session.problems).toEqual([]);
  });
});
