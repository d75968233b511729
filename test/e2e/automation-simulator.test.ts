import { describe, expect, it } from 'vitest';
import { openAutomation, setAutomationOpen, typeSequence } from '../helpers/automation-ui';
import { modbusDevice, modbusMaster } from '../helpers/modbus-peers';
import { openConnectionInUi, panel, useE2eApp } from '../helpers/e2e';

/**
 * From the log to a simulator, in Chromium on the browser mode: a Wirebench
 * client polls a Modbus RTU device written in Python (its own registers and
 * its own CRC code); the recorded conversation is selected in the log and
 * made into the rules of a Wirebench listener; a Python master replays the
 * requests against the listener and must get the device's answers, byte
 * for byte.
 */

/** Two poll cycles: reads from two units, a read of one register, a write, a refused read. */
const POLL = String.raw`
repeat 2
  send hex 01 03 00 00 00 04 +crc16-modbus
  expect hex 01 03 08 ?? ?? ?? ?? ?? ?? ?? ?? ?? ?? within 2000
  send hex 02 03 00 00 00 04 +crc16-modbus
  expect hex 02 03 08 ?? ?? ?? ?? ?? ?? ?? ?? ?? ?? within 2000
  send hex 01 03 00 0A 00 01 +crc16-modbus
  expect hex 01 03 02 ?? ?? ?? ?? within 2000
  send hex 01 06 00 05 01 02 +crc16-modbus
  expect hex 01 06 00 05 01 02 ?? ?? within 2000
  send hex 01 03 00 64 00 02 +crc16-modbus
  expect hex 01 83 02 ?? ?? within 2000
end`;

const app = useE2eApp();

describe('from the log to a simulator, in Chromium', () => {
  it('rules made from a recorded Modbus conversation answer the replayed requests byte-exact', async () => {
    const { page } = app.session;
    const serverPort = await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);

    const { peer, port: devicePort } = await modbusDevice();
    const device = app.track(peer);
    await openConnectionInUi(page, 'TCP client', '127.0.0.1', devicePort);
    await panel(page).getByText('Connected', { exact: true }).waitFor();
    const sequence = await openAutomation(page, 'Sequence');
    await typeSequence(page, POLL.trim());
    await sequence.getByRole('button', { name: 'Run' }).click();
    await expect
      .poll(() => sequence.locator('.sequence-outcome').textContent(), { timeout: 15_000 })
      .toBe('Passed');
    const served = device
      .stdout()
      .toString()
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(' ') as [string, string]);
    expect(served).toHaveLength(10);

    // Fold the automation away, and select the whole conversation: a row, Home, then Shift+End.
    await setAutomationOpen(page, false);
    await panel(page).locator('.msg-spacer [role="row"]').first().click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await panel(page).getByRole('button', { name: 'Make rules from selection' }).click();
    await page.getByRole('menuitem', { name: `Into the rules of 127.0.0.1:${serverPort}` }).click();

    // Every request the client sent, with the answer that followed, made a rule.
    await page.getByText(/^\d+ rules made from 10 request\/response pairs/).waitFor();
    // The listener's tab opens on its new rules, applied once their hits show.
    const rules = panel(page).getByRole('region', { name: 'Auto-reply' });
    await rules
      .getByRole('listitem', { name: 'Rule 1', exact: true })
      .getByText('Hits: 0')
      .waitFor();
    await app.session.screenshot('automation-rules-from-log');

    const replay = app.track(
      modbusMaster(
        serverPort,
        served.map(([request, answer]) => ({ request, answerLength: answer.length / 2 })),
      ),
    );
    const expected = served.map(([, answer]) => `${answer} crc-ok`).join('\n');
    expect((await replay.waitForBytes(expected.length + 1)).toString().trim()).toBe(expected);
    expect(app.session.problems).toEqual([]);
  });
});
