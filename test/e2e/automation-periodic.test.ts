import { afterAll, describe, expect, it } from 'vitest';
import { openAutomation } from '../helpers/automation-ui';
import { typeInEditor } from '../helpers/monaco';
import { spawnPeer } from '../helpers/peers';
import { startTcpSink, type TcpSink } from '../helpers/tcp-sink';
import { openConnectionInUi, panel, useE2eApp } from '../helpers/e2e';

/**
 * Periodic send and macro buttons as a person uses them, in Chromium on the
 * browser mode: the main process sends, socat and a plain socket receive.
 */
const app = useE2eApp();
const sinks: TcpSink[] = [];

afterAll(async () => {
  await Promise.all(sinks.map((s) => s.close()));
});

describe('periodic send in Chromium', () => {
  it('sends 10 payloads at 20 ms to socat, exactly, and says it completed', async () => {
    const { page } = app.session;
    // socat connects to a Wirebench listener; the periodic send goes to its peers.
    const port = await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);
    const socat = app.track(spawnPeer('socat', ['-u', `TCP:127.0.0.1:${port}`, 'STDOUT']));
    await panel(page).getByText('Peers (1)').waitFor();
    await typeInEditor(page, 'tick {{counter}}');
    await panel(page).getByLabel('Line ending').first().selectOption({ label: 'LF (\\n)' });

    const periodic = await openAutomation(page, 'Periodic send');
    await periodic.getByLabel('Interval (ms)').fill('20');
    await periodic.getByLabel('Count').fill('10');
    await periodic.getByRole('button', { name: 'Start' }).click();
    await expect
      .poll(() => periodic.getByRole('status').textContent(), { timeout: 10_000 })
      .toBe('Completed: 10 sent.');
    const expected = Array.from({ length: 10 }, (_, i) => `tick ${i}\n`).join('');
    expect((await socat.waitForBytes(expected.length)).toString()).toBe(expected);
    await expect
      .poll(() => panel(page).getByLabel('TX chunks', { exact: true }).textContent())
      .toBe('10');
    expect(socat.stdout().toString()).toBe(expected);
    await app.session.screenshot('automation-periodic-completed');
  });

  it('runs until stopped, shows sends done and the next due time, and Stop says so', async () => {
    const { page } = app.session;
    const periodic = await openAutomation(page, 'Periodic send');
    await periodic.getByLabel('Interval (ms)').fill('200');
    await periodic.getByLabel('Count').fill('');
    await periodic.getByRole('button', { name: 'Start' }).click();
    await expect
      .poll(() => periodic.getByRole('status').textContent())
      .toMatch(/^Sent [1-9]\d* · next at \d\d:\d\d:\d\d\.\d{6}$/);
    await app.session.screenshot('automation-periodic-running');
    await panel(page).locator('.automation-toggle').getByText('sending every 200 ms').waitFor();
    await periodic.getByRole('button', { name: 'Stop' }).click();
    await expect
      .poll(() => periodic.getByRole('status').textContent())
      .toMatch(/^Stopped after \d+ sends\.$/);
  });

  it('a bad interval is refused in place, before anything is sent', async () => {
    const { page } = app.session;
    const periodic = await openAutomation(page, 'Periodic send');
    await periodic.getByLabel('Interval (ms)').fill('0');
    await periodic.getByRole('button', { name: 'Start' }).click();
    await periodic
      .getByText('The interval is a whole number of ms from 1 to 86400000 (24 h)')
      .waitFor();
    await periodic.getByLabel('Interval (ms)').fill('1000');
  });
});

describe('macro buttons in Chromium', () => {
  it('a pinned library payload gets a button; a click and Alt+1 send it', async () => {
    const { page } = app.session;
    const sink = await startTcpSink();
    sinks.push(sink);
    await openConnectionInUi(page, 'TCP client', '127.0.0.1', sink.port);
    await panel(page).getByText('Connected', { exact: true }).waitFor();
    await typeInEditor(page, 'MACRO\\x01');
    await panel(page).getByLabel('Name for the current payload').fill('Macro frame');
    await panel(page).getByRole('button', { name: 'Save', exact: true }).click();
    const library = panel(page).getByRole('list', { name: 'Library' });
    await library.getByRole('button', { name: 'Pin Macro frame as a macro button' }).click();
    const macros = panel(page).getByRole('toolbar', { name: 'Macros' });
    await macros.getByRole('button', { name: 'Send Macro frame' }).click();
    const frame = [...Buffer.from('MACRO\x01')];
    expect([...(await sink.waitForBytes(6))]).toEqual(frame);
    await app.session.screenshot('automation-macros');
    await expect
      .poll(() => macros.getByRole('button', { name: 'Send Macro frame' }).isEnabled())
      .toBe(true);
    await page.keyboard.press('Alt+1');
    expect([...(await sink.waitForBytes(12))]).toEqual([...frame, ...frame]);
    expect(app.session.problems).toEqual([]);
  });
});
