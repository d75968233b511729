import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { hexdump } from '../../src/shared/bytes/hexdump';
import { count, openConnectionInUi, panel, useE2eApp } from '../helpers/e2e';
import { floodSlice, LINE, MARKER } from '../helpers/flood-stream';
import { spawnFloodWriter, type PeerProcess } from '../helpers/peers';

/**
 * The log is a window onto the whole capture (issue 11): after a flood the
 * window could never have kept up with, Find locates a marker anywhere in
 * what the capture log holds and Hex shows its bytes, and the first row
 * still held shows its bytes, whether nothing was evicted (64 MiB) or the
 * budget let the oldest three quarters go (1 GiB through 256 MiB). A fast
 * local sender writes the flood unpaced; every line of it is its own
 * offset, so any row read back can be checked against what was sent.
 */
const MiB = 1024 * 1024;
const app = useE2eApp(['--log-budget-mib', '256']);
const writers: PeerProcess[] = [];

afterAll(() => writers.forEach((w) => w.kill()));

const rows = (page: Page) => panel(page).locator('.msg-spacer [role="row"]');
const find = (page: Page) => panel(page).getByLabel('Find', { exact: true });
const search = (page: Page) => panel(page).getByRole('search');

/** Opens a TCP server in the UI and floods it, returning once every byte is counted. */
async function flood(page: Page, bytes: number, markerAt: number): Promise<void> {
  const port = await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);
  const writer = spawnFloodWriter(port, bytes, markerAt);
  writers.push(writer);
  expect(await writer.exited()).toBe(0);
  await expect.poll(() => count(page, 'RX bytes'), { timeout: 60_000, interval: 250 }).toBe(bytes);
}

/** Find's Next on the marker: the row holding it is selected and Hex marks its bytes there. */
async function findMarkerInHex(page: Page, screenshot: string): Promise<void> {
  await find(page).fill(MARKER.trim());
  await find(page).press('Enter');
  await expect
    .poll(() => search(page).textContent(), { timeout: 30_000 })
    .toContain('Match 1 of 1');
  // The row holding it is selected and scrolled into view.
  const selected = panel(page).locator('.msg-spacer [role="row"][aria-selected="true"]');
  await expect.poll(() => selected.count()).toBe(1);
  await panel(page).getByRole('tab', { name: 'Hex' }).click();
  const dump = panel(page).getByRole('region', { name: 'Hex dump' });
  // The row holds the marker's first byte; the rest may have come in the next read.
  const marked = async () => (await dump.locator('.ab.hit').allTextContents()).join('');
  await expect.poll(marked, { timeout: 10_000 }).toMatch(/^W/);
  const shown = await marked();
  expect(MARKER.replace('\n', '.').startsWith(shown)).toBe(true);
  const hex = (await dump.locator('.hb.hit').allTextContents()).join(' ');
  expect(hex).toBe(
    [...Buffer.from(MARKER.slice(0, shown.length), 'latin1')]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join(' '),
  );
  await app.session.screenshot(screenshot);
  await find(page).fill('');
  await panel(page).getByRole('tab', { name: 'Messages' }).click();
}

/** Home in the Messages view: the first row held is selected; its detail's first lines as text. */
async function firstRowText(page: Page): Promise<string> {
  await panel(page).getByLabel('Message rows').press('Home');
  await expect.poll(() => rows(page).first().getAttribute('aria-selected')).toBe('true');
  const lines = panel(page).locator('.message-detail .hex-line');
  await expect.poll(() => lines.count()).toBeGreaterThan(2);
  await expect.poll(() => lines.first().textContent()).toMatch(/^00000000 /);
  const text = async (i: number) => /\|(.*)\|$/.exec((await lines.nth(i).textContent()) ?? '')?.[1];
  return `${await text(0)}${await text(1)}${await text(2)}`;
}

/** Where in the flood a text of 48 bytes ('.' for each newline) was read: from the first whole line in it. */
function offsetOf(text: string): number {
  const nl = text.indexOf('.');
  const next = parseInt(text.slice(nl + 1, nl + LINE), 16);
  return next - (nl + 1);
}

describe('a window onto the whole capture', () => {
  it('after 64 MiB unpaced: Find locates the marker in the middle and Hex shows it; the first row shows byte 0', async () => {
    const { page } = app.session;
    const bytes = 64 * MiB;
    await flood(page, bytes, bytes / 2);
    await findMarkerInHex(page, 'log-find-marker-hex');

    const first = await firstRowText(page);
    expect(first).toBe(floodSlice(0, 48).toString('latin1').replaceAll('\n', '.'));
    expect(await panel(page).locator('.message-detail .hex-line').first().textContent()).toBe(
      hexdump(floodSlice(0, 16)).split('\n')[0],
    );
    expect(await panel(page).textContent()).not.toContain('dropped from the log');
  });

  it('after 1 GiB through a 256 MiB budget: the same for what is held, and the oldest row held shows its bytes', async () => {
    const { page } = app.session;
    const bytes = 1024 * MiB;
    await flood(page, bytes, bytes - 64 * MiB);
    // What the log let go is counted and said.
    await expect
      .poll(() => panel(page).locator('.log-status').textContent())
      .toMatch(/[\d,]+ chunks \/ [\d,]+ bytes dropped from the log/);
    await findMarkerInHex(page, 'log-find-marker-hex-1gib');

    const oldest = await firstRowText(page);
    const at = offsetOf(oldest);
    // The oldest row held is from the last quarter or so: the budget let the rest go.
    expect(at).toBeGreaterThan(bytes - 300 * MiB);
    expect(at).toBeLessThan(bytes - 200 * MiB);
    expect(oldest).toBe(
      floodSlice(at, at + 48)
        .toString('latin1')
        .replaceAll('\n', '.'),
    );
    await app.session.screenshot('log-oldest-row-after-1gib');
  });

  it('scrolling while a flood pours in shows, wherever it stops, rows holding what was sent', async () => {
    const { page } = app.session;
    const port = await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);
    const writer = spawnFloodWriter(port, 1024 * MiB);
    writers.push(writer);
    let done = false;
    void writer.exited().then(() => (done = true));
    await expect.poll(() => count(page, 'RX bytes')).toBeGreaterThan(0);
    const scroller = panel(page).getByLabel('Message rows');
    let checked = 0;
    for (let k = 1; !done && k < 200; k++) {
      await scroller.evaluate((el, at) => (el.scrollTop = el.scrollHeight * at), (k * 0.37) % 1);
      // A row's text is the first 64 bytes of what its chunk brought: they must be the flood's own.
      const text = await rows(page).first().locator('.c-text').textContent();
      if (!text || done) continue;
      const bytes = text.replaceAll('\\n', '.').replace(/…$/, '');
      const at = offsetOf(bytes.padEnd(48, '?'));
      expect(bytes).toBe(
        floodSlice(at, at + bytes.length)
          .toString('latin1')
          .replaceAll('\n', '.'),
      );
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    expect(await writer.exited()).toBe(0);
  });

  app.itHadNoProblems();
});
