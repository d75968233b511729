import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { count, counter, openConnectionInUi, panel, useE2eApp } from '../helpers/e2e';

/**
 * A peer floods a Wirebench listener at 50 MB/s (bounded: 200 MiB, about
 * four seconds, however fast the machine) while a person keeps using the window. The window must answer every
 * click while the flood runs, and the counters must be exact at the end.
 */
const FLOOD_BYTES = 200 * 1024 * 1024;
const WRITE_BYTES = 64 * 1024;
/** The flood rate: paced, so the flood lasts long enough to click during it. */
const FLOOD_BYTES_PER_MS = 50_000;

const app = useE2eApp();
let socket: net.Socket | null = null;

afterAll(() => socket?.destroy());

/** Writes `total` bytes at 50 MB/s (or as fast as the socket takes them, if slower). */
function flood(peer: net.Socket, total: number, progress: { written: number }): Promise<void> {
  const block = Buffer.alloc(WRITE_BYTES);
  for (let i = 0; i < block.length; i++) block[i] = (i * 13) & 0xff;
  const start = Date.now();
  return new Promise((resolve, reject) => {
    peer.on('error', reject);
    const pump = (): void => {
      while (progress.written < total) {
        if (progress.written > (Date.now() - start) * FLOOD_BYTES_PER_MS) {
          setTimeout(pump, 5);
          return;
        }
        const n = Math.min(WRITE_BYTES, total - progress.written);
        progress.written += n;
        if (!peer.write(n === WRITE_BYTES ? block : block.subarray(0, n))) {
          peer.once('drain', pump);
          return;
        }
      }
      peer.end(resolve);
    };
    pump();
  });
}

describe('a flood in Chromium', () => {
  it('the window answers clicks while 200 MiB pour in, and the counters are exact at the end', async () => {
    const { page } = app.session;
    const port = await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);

    const peer = net.connect({ host: '127.0.0.1', port });
    socket = peer;
    await new Promise<void>((resolve) => peer.once('connect', resolve));
    const progress = { written: 0 };
    let finished = false;
    const done = flood(peer, FLOOD_BYTES, progress).then(() => (finished = true));

    // Wait until the flood is visibly under way, then use the window.
    await expect.poll(() => count(page, 'RX bytes'), { timeout: 30_000 }).toBeGreaterThan(0);
    const tabs = (process.env['TABS'] ?? 'Hex,Terminal,Text,Messages').split(',');
    let answeredDuringFlood = 0;
    for (let round = 0; round < 3 && !finished; round++) {
      for (const name of tabs) {
        const tab = panel(page).getByRole('tab', { name });
        await tab.click();
        await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
        if (!finished) answeredDuringFlood++;
      }
    }
    await app.session.screenshot('log-flood-after-clicks');
    expect(answeredDuringFlood).toBeGreaterThan(0);

    await done;
    expect(progress.written).toBe(FLOOD_BYTES);
    await expect
      .poll(() => count(page, 'RX bytes'), { timeout: 60_000, interval: 250 })
      .toBe(FLOOD_BYTES);
    expect(await counter(page, 'RX bytes').textContent()).toBe('209,715,200');
    expect(await count(page, 'TX bytes')).toBe(0);
    const chunks = await count(page, 'RX chunks');
    expect(chunks).toBeGreaterThanOrEqual(FLOOD_BYTES / (8 * 1024 * 1024));
    // The Messages view still works: it lists rows and selects one on click.
    const rows = panel(page).locator('.msg-spacer [role="row"]');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    // The counters are final before the last chunks reach the window (they
    // trail at the window's ~7.5 MiB/s): wait until the list stops growing.
    const grid = panel(page).getByRole('grid', { name: 'Messages' });
    let before: string | null = null;
    await expect
      .poll(
        async () => {
          const now = await grid.getAttribute('aria-rowcount');
          const settled = now === before;
          before = now;
          return settled;
        },
        { interval: 500, timeout: 30_000 },
      )
      .toBe(true);
    const last = rows.last();
    const seq = await last.getAttribute('data-seq');
    await last.click();
    await expect
      .poll(() =>
        panel(page)
          .locator(`.msg-spacer [role="row"][data-seq="${seq}"]`)
          .getAttribute('aria-selected'),
      )
      .toBe('true');
    await app.session.screenshot('log-flood-done');
    expect(app.session.problems).toEqual([]);
  });
});
