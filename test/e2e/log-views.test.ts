import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hexdump } from '../../src/shared/bytes/hexdump';
import { openBrowser, type BrowserSession } from '../helpers/browser';
import { startServe, type ServeProcess } from '../helpers/serve-process';

/**
 * The live log's views in Chromium against the browser mode: a Node socket
 * (loopback) plays the device, so the test decides exactly how its bytes are
 * chunked on the wire.
 */
let serve: ServeProcess;
let session: BrowserSession;
const sockets: net.Socket[] = [];
const dir = mkdtempSync(join(tmpdir(), 'wb-log-e2e-'));

beforeAll(async () => {
  serve = await startServe();
  session = await openBrowser(serve.url);
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: serve.origin,
  });
});

afterAll(async () => {
  sockets.forEach((s) => s.destroy());
  await session?.close();
  await serve?.stop();
});

const panel = (page: Page) => page.getByRole('tabpanel');
const counter = (page: Page, name: string) => panel(page).getByLabel(name, { exact: true });
const rows = (page: Page) => panel(page).locator('.msg-spacer [role="row"]');

/** Opens a TCP server on an ephemeral loopback port and returns the port. */
async function openServer(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'New connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'New connection' });
  await dialog.getByLabel('Kind').selectOption({ label: 'TCP server' });
  await dialog.getByLabel('Host').fill('127.0.0.1');
  await dialog.getByLabel('Port').fill('0');
  await dialog.getByRole('button', { name: 'Open' }).click();
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => panel(page).locator('.local-address code').count()).toBe(1);
  const local = await panel(page).locator('.local-address code').textContent();
  return Number(/:(\d+)$/.exec(local ?? '')?.[1]);
}

async function connect(port: number): Promise<net.Socket> {
  const socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  sockets.push(socket);
  return socket;
}

/**
 * Writes each piece as its own TCP segment: the next is written only once
 * the UI's RX chunk counter shows the previous one arrived alone.
 */
async function sendPieces(page: Page, socket: net.Socket, pieces: Buffer[]): Promise<void> {
  const start = Number((await counter(page, 'RX chunks').textContent())?.replace(/\D/g, ''));
  for (const [i, piece] of pieces.entries()) {
    socket.write(piece);
    await expect
      .poll(async () =>
        Number((await counter(page, 'RX chunks').textContent())?.replace(/\D/g, '')),
      )
      .toBe(start + i + 1);
  }
}

describe('live log views in Chromium', () => {
  it('shows each chunk as a Messages row and the selected one in Hex', async () => {
    const { page } = session;
    const port = await openServer(page);
    const peer = await connect(port);
    const frames = ['HELLO\r\n', 'second frame', '\x00\x01\x02\xff', 'last one'].map((s) =>
      Buffer.from(s, 'latin1'),
    );
    await sendPieces(page, peer, frames);

    await expect.poll(() => rows(page).count()).toBe(4);
    const seqs = await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-seq')));
    expect(seqs.every((s) => s !== null && /^\d+$/.test(s))).toBe(true);
    await expect.poll(() => rows(page).nth(2).locator('.c-hex').textContent()).toBe('00 01 02 FF');
    expect(await rows(page).nth(0).locator('.c-dir').textContent()).toBe('RX');

    // Click selects; the detail pane shows the message in hex.
    await rows(page).nth(0).click();
    expect(await rows(page).nth(0).getAttribute('aria-selected')).toBe('true');
    await expect
      .poll(() => panel(page).locator('.message-detail .hexdump').textContent())
      .toContain('48 45 4c 4c 4f 0d 0a');
    expect(await panel(page).locator('.message-detail .hex-line').first().textContent()).toBe(
      hexdump(frames[0]!).split('\n')[0],
    );
    // Keyboard: Down moves the selection.
    await panel(page).getByLabel('Message rows').press('ArrowDown');
    expect(await rows(page).nth(1).getAttribute('aria-selected')).toBe('true');
    await session.screenshot('log-messages');

    // The Hex tab shows the selected message, hexdump -C style.
    await panel(page).getByRole('tab', { name: 'Hex' }).click();
    const dump = panel(page).getByRole('region', { name: 'Hex dump' });
    await expect.poll(() => dump.textContent()).toContain('00000000');
    const line = await dump.locator('.hex-line').first().textContent();
    expect(line).toBe(hexdump(frames[1]!).split('\n')[0]);
    // Whole RX stream: all four frames, back to back.
    await panel(page).getByLabel('Show').selectOption('rx');
    await expect.poll(() => dump.locator('.hex-line').count()).toBe(2); // 31 bytes
    // A selection in the hex column is mirrored in the ASCII column.
    const first = dump.locator('.hb[data-i="0"]');
    const fifth = dump.locator('.hb[data-i="4"]');
    await first.hover();
    await page.mouse.down();
    await fifth.hover();
    await page.mouse.up();
    expect(await dump.locator('.ab.sel').count()).toBe(5);
    expect(await dump.locator('.hb.sel').count()).toBe(5);
    await expect
      .poll(() => panel(page).locator('.view-hex .view-bar').textContent())
      .toContain('5 bytes selected');
    await session.screenshot('log-hex');
    await panel(page).getByRole('tab', { name: 'Messages' }).click();
  });

  it('had no console errors and made no request off loopback', () => {
    expect(session.problems).toEqual([]);
  });
});

void execFileSync;
void dir;
