import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { openLineServerInUi, panel, useE2eApp } from '../helpers/e2e';

/**
 * A million messages in the Messages view: a peer sends 1,000,000 short
 * lines, delimiter framing cuts them into rows, and the virtualized table
 * jumps to the end, the start and the middle with only a screenful in the DOM.
 */
const LINES = 1_000_000;
const line = (i: number) => `#${String(i).padStart(7, '0')}\n`;

const app = useE2eApp();
let socket: net.Socket | null = null;

afterAll(() => socket?.destroy());

describe('a million rows', () => {
  it('frames 1,000,000 lines into rows and scrolls to any of them', async () => {
    const { page } = app.session;
    const port = await openLineServerInUi(page);

    const peer = net.connect({ host: '127.0.0.1', port });
    socket = peer;
    await new Promise<void>((resolve) => peer.once('connect', resolve));
    const perWrite = 8192;
    for (let i = 0; i < LINES; i += perWrite) {
      let text = '';
      for (let k = i; k < Math.min(LINES, i + perWrite); k++) text += line(k + 1);
      if (!peer.write(text)) await new Promise((r) => peer.once('drain', r));
    }

    const grid = panel(page).getByRole('grid', { name: 'Messages' });
    await expect
      .poll(() => grid.getAttribute('aria-rowcount'), { timeout: 60_000, interval: 250 })
      .toBe(String(LINES + 1));
    const rows = panel(page).locator('.msg-spacer [role="row"]');
    // Only about a screenful of rows exists in the DOM.
    expect(await rows.count()).toBeLessThan(80);

    const scroller = panel(page).getByLabel('Message rows');
    await scroller.press('End');
    await expect.poll(() => rows.locator('.c-text').allTextContents()).toContain('#1000000\\n');
    await scroller.press('Home');
    await expect.poll(() => rows.first().locator('.c-text').textContent()).toBe('#0000001\\n');
    // Jump to the middle, as dragging the scrollbar would.
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await expect
      .poll(async () => (await rows.locator('.c-text').allTextContents()).join(' '))
      .toMatch(/#05\d{5}/);
    // A row near the top of what is shown (the editor above leaves room for a few),
    // found again by its row index after the click, since virtual rows are reused.
    const index = await rows.nth(2).getAttribute('aria-rowindex');
    const mid = panel(page).locator(`.msg-spacer [role="row"][aria-rowindex="${index}"]`);
    const text = await mid.locator('.c-text').textContent();
    await mid.click();
    await expect.poll(() => mid.getAttribute('aria-selected')).toBe('true');
    await expect
      .poll(() => panel(page).locator('.message-detail .hex-line').first().textContent())
      .toContain(`|${text?.replace('\\n', '.')}|`);
    await app.session.screenshot('log-million-rows');
    expect(app.session.problems).toEqual([]);
  });
});
