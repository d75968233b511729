import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from '../helpers/browser';
import { typeAndSend } from '../helpers/monaco';
import { freePort, spawnPeer, type PeerProcess } from '../helpers/peers';
import { startServe, type ServeProcess } from '../helpers/serve-process';

/**
 * The TCP slice as a person uses it: the renderer in Chromium (browser
 * mode), real sockets in the main process, and real peers (socat, ncat)
 * that nobody here wrote.
 */
let serve: ServeProcess;
let session: BrowserSession;
const peers: PeerProcess[] = [];

beforeAll(async () => {
  serve = await startServe();
  session = await openBrowser(serve.url);
});

afterAll(async () => {
  peers.forEach((p) => p.kill());
  await session?.close();
  await serve?.stop();
});

async function openConnection(page: Page, kind: string, host: string, port: string): Promise<void> {
  await page.getByRole('button', { name: 'New connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'New connection' });
  await dialog.getByLabel('Kind', { exact: true }).selectOption({ label: kind });
  await dialog.getByLabel('Host', { exact: true }).fill(host);
  await dialog.getByLabel('Port', { exact: true }).fill(port);
  await dialog.getByRole('button', { name: 'Open' }).click();
  await dialog.waitFor({ state: 'detached' });
}

async function sendHex(page: Page, hex: string): Promise<void> {
  const panel = page.getByRole('tabpanel');
  await panel.getByRole('radio', { name: 'Hex' }).check();
  await typeAndSend(page, hex);
}

const counter = (page: Page, name: string) =>
  page.getByRole('tabpanel').getByLabel(name, { exact: true });

describe('TCP slice in Chromium', () => {
  it('a TCP server opened in the UI receives socat bytes exactly and replies byte-exact', async () => {
    const { page } = session;
    await openConnection(page, 'TCP server', '127.0.0.1', '0');
    const local = await page.getByRole('tabpanel').locator('.local-address code').textContent();
    const port = Number(/:(\d+)$/.exec(local ?? '')?.[1]);
    expect(port).toBeGreaterThan(0);

    const socat = spawnPeer('socat', ['-', `TCP:127.0.0.1:${port}`]);
    peers.push(socat);
    const sent = Buffer.from([0x00, 0x01, 0x02, 0x7f, 0x80, 0xff, 0x0d, 0x0a, 0x41]);
    socat.write(sent);

    const log = page.getByRole('log');
    await expect
      .poll(() => log.textContent(), { timeout: 10_000 })
      .toContain('00 01 02 7F 80 FF 0D 0A 41');
    await expect.poll(() => counter(page, 'RX bytes').textContent()).toBe('9');
    await expect.poll(() => page.getByRole('tabpanel').getByText('Peers (1)').count()).toBe(1);

    await sendHex(page, 'DE AD BE EF 00 0A');
    const received = await socat.waitForBytes(6);
    expect([...received]).toEqual([0xde, 0xad, 0xbe, 0xef, 0x00, 0x0a]);
    await expect.poll(() => counter(page, 'TX bytes').textContent()).toBe('6');
    await session.screenshot('tcp-server-with-peer');
  });

  it('a TCP client opened in the UI talks byte-exact with an ncat listener', async () => {
    const { page } = session;
    const port = await freePort();
    const ncat = spawnPeer('ncat', ['-l', '127.0.0.1', String(port)]);
    peers.push(ncat);
    await new Promise((r) => setTimeout(r, 300)); // ncat binds asynchronously
    await openConnection(page, 'TCP client', '127.0.0.1', String(port));
    await expect
      .poll(() => page.getByRole('tabpanel').getByText('Connected', { exact: true }).count())
      .toBe(1);

    await sendHex(page, '00 FF 10 20 0D 0A');
    const got = await ncat.waitForBytes(6);
    expect([...got]).toEqual([0x00, 0xff, 0x10, 0x20, 0x0d, 0x0a]);

    ncat.write(Buffer.from([0x1b, 0x5b, 0x41, 0x00, 0xfe]));
    await expect.poll(() => page.getByRole('log').textContent()).toContain('1B 5B 41 00 FE');
    await expect.poll(() => counter(page, 'RX bytes').textContent()).toBe('5');
    await session.screenshot('tcp-client-connected');
  });

  it('shows a clear error beside the field and refuses to open a bad port', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'New connection' }).click();
    const dialog = page.getByRole('dialog', { name: 'New connection' });
    await dialog.getByLabel('Port', { exact: true }).fill('70000');
    await expect.poll(() => dialog.textContent()).toContain('Port 70000 is above 65535');
    expect(await dialog.getByRole('button', { name: 'Open' }).isDisabled()).toBe(true);
    await session.screenshot('new-connection-invalid-port');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('a client that cannot connect says why in the dialog; its options are checked as typed', async () => {
    const { page } = session;
    const port = await freePort();
    await page.getByRole('button', { name: 'New connection' }).click();
    const dialog = page.getByRole('dialog', { name: 'New connection' });
    await dialog.getByLabel('Kind', { exact: true }).selectOption({ label: 'TCP client' });
    await dialog.getByLabel('Port', { exact: true }).fill(String(port));
    await dialog.getByText('Options').click();
    await dialog.getByLabel('Timeout (ms)').fill('abc');
    await expect.poll(() => dialog.textContent()).toContain('The timeout must be 1–600000 ms');
    expect(await dialog.getByRole('button', { name: 'Open' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Timeout (ms)').fill('2000');
    await dialog.getByLabel('Local address').fill('127.0.0.1');
    expect(await dialog.getByLabel('TCP_NODELAY', { exact: false }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Open' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe(`Connection to 127.0.0.1:${port} was refused: nothing is listening there`);
    await session.screenshot('new-connection-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('had no console errors and made no request off loopback', () => {
    expect(session.problems).toEqual([]);
  });
});
