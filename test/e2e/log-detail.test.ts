import net from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { hexdump } from '../../src/shared/bytes/hexdump';
import { count, openConnectionInUi, panel, useE2eApp } from '../helpers/e2e';
import { connectPeer } from '../helpers/node-peers';

/**
 * The detail pane under the Messages table shows the selected message from
 * its first byte: whatever the pane showed of the message before, and
 * however the window is resized, a message just selected starts at 0.
 */
const app = useE2eApp();
const sockets: net.Socket[] = [];
afterAll(() => sockets.forEach((s) => s.destroy()));

const rows = (page: Page) => panel(page).locator('.msg-spacer [role="row"]');
const detailLines = (page: Page) => panel(page).locator('.message-detail .hex-line');
/** A message of `n` bytes, each 16-byte line of it different from the others. */
const message = (tag: string, n: number) =>
  Buffer.from(
    Array.from({ length: n / 16 }, (_, i) => `${tag}${i.toString(16).padStart(14, '0')}\n`).join(
      '',
    ),
    'latin1',
  );

/** A TCP server opened in the window, and a peer of it whose writes leave at once: its socket. */
async function serverAndPeer(page: Page): Promise<net.Socket> {
  const port = await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);
  const peer = await connectPeer(port);
  peer.socket.setNoDelay(true);
  sockets.push(peer.socket);
  return peer.socket;
}

/** Writes each piece, and waits for the window to count it as a chunk of its own. */
async function writeChunks(page: Page, socket: net.Socket, pieces: Array<string | Buffer>) {
  for (const [i, piece] of pieces.entries()) {
    socket.write(piece);
    await expect.poll(() => count(page, 'RX chunks')).toBe(i + 1);
  }
}

describe('the selected message in the detail pane', () => {
  it('starts at its first byte when selected, after the one before was scrolled to its end, and after a resize', async () => {
    const { page } = app.session;
    const socket = await serverAndPeer(page);
    const frames = [message('A', 4096), message('B', 4096)];
    await writeChunks(page, socket, frames);
    await expect.poll(() => rows(page).count()).toBe(2);

    await rows(page).nth(0).click();
    await expect
      .poll(() => detailLines(page).first().textContent())
      .toBe(hexdump(frames[0]!.subarray(0, 16)).split('\n')[0]);
    // A resize (the window, or the pane) leaves a message just shown at its start.
    await page.setViewportSize({ width: 1100, height: 650 });
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect
      .poll(() => detailLines(page).first().textContent())
      .toBe(hexdump(frames[0]!.subarray(0, 16)).split('\n')[0]);

    // Scrolled to the end of the first message, the next one selected starts at its start.
    const dump = panel(page).locator('.message-detail .hexdump');
    await dump.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => detailLines(page).last().textContent()).toMatch(/^00000ff0 /);
    await panel(page).getByLabel('Message rows').press('ArrowDown');
    await expect.poll(() => rows(page).nth(1).getAttribute('aria-selected')).toBe('true');
    await expect
      .poll(() => detailLines(page).first().textContent())
      .toBe(hexdump(frames[1]!.subarray(0, 16)).split('\n')[0]);
    await app.session.screenshot('log-detail-next-message');
  });

  it('a row clicked at the top of the view stays in view when the detail pane comes under it', async () => {
    const { page } = app.session;
    const socket = await serverAndPeer(page);
    // More rows than the view holds, so it follows the end.
    await writeChunks(
      page,
      socket,
      Array.from({ length: 60 }, (_, i) => `row ${i}\n`),
    );
    const scroller = panel(page).getByLabel('Message rows');
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    // The first row wholly in view, at its top.
    const seq = await scroller.evaluate((el) => {
      const top = el.getBoundingClientRect().top;
      const all = [...el.querySelectorAll('.msg-spacer [role="row"]')];
      return all.find((r) => r.getBoundingClientRect().top >= top)!.getAttribute('data-seq')!;
    });
    const row = panel(page).locator(`.msg-spacer [role="row"][data-seq="${seq}"]`);
    await row.click();
    await expect.poll(() => panel(page).locator('.message-detail').count()).toBe(1);
    const inView = () =>
      row.evaluate((r) => {
        const view = r.closest('.msg-scroller')!.getBoundingClientRect();
        const box = r.getBoundingClientRect();
        return box.top >= view.top && box.bottom <= view.bottom;
      });
    await expect.poll(inView).toBe(true);
    await app.session.screenshot('log-detail-selection-in-view');
  });

  app.itHadNoProblems();
});
