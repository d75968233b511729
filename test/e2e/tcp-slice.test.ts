import { describe, expect, it } from 'vitest';
import {
  connectInUi,
  counter,
  newConnectionDialog,
  openConnectionInUi,
  panel,
  sendHex,
  useE2eApp,
} from '../helpers/e2e';
import { freePort, ncatListener, spawnPeer } from '../helpers/peers';

/**
 * The TCP slice as a person uses it: the renderer in Chromium (browser
 * mode), real sockets in the main process, and real peers (socat, ncat)
 * that nobody here wrote.
 */
const app = useE2eApp();

describe('TCP slice in Chromium', () => {
  it('a TCP server opened in the UI receives socat bytes exactly and replies byte-exact', async () => {
    const { page } = app.session;
    const port = await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);
    expect(port).toBeGreaterThan(0);

    const socat = spawnPeer('socat', ['-', `TCP:127.0.0.1:${port}`]);
    app.track(socat);
    const sent = Buffer.from([0x00, 0x01, 0x02, 0x7f, 0x80, 0xff, 0x0d, 0x0a, 0x41]);
    socat.write(sent);

    const log = page.getByRole('log');
    await expect
      .poll(() => log.textContent(), { timeout: 10_000 })
      .toContain('00 01 02 7F 80 FF 0D 0A 41');
    await expect.poll(() => counter(page, 'RX bytes').textContent()).toBe('9');
    await expect.poll(() => panel(page).getByText('Peers (1)').count()).toBe(1);

    await sendHex(page, 'DE AD BE EF 00 0A');
    const received = await socat.waitForBytes(6);
    expect([...received]).toEqual([0xde, 0xad, 0xbe, 0xef, 0x00, 0x0a]);
    await expect.poll(() => counter(page, 'TX bytes').textContent()).toBe('6');
    await app.session.screenshot('tcp-server-with-peer');
  });

  it('a TCP client opened in the UI talks byte-exact with an ncat listener', async () => {
    const { page } = app.session;
    const { peer: ncat, port } = await ncatListener();
    app.track(ncat);
    await connectInUi(page, port);

    await sendHex(page, '00 FF 10 20 0D 0A');
    const got = await ncat.waitForBytes(6);
    expect([...got]).toEqual([0x00, 0xff, 0x10, 0x20, 0x0d, 0x0a]);

    ncat.write(Buffer.from([0x1b, 0x5b, 0x41, 0x00, 0xfe]));
    await expect.poll(() => page.getByRole('log').textContent()).toContain('1B 5B 41 00 FE');
    await expect.poll(() => counter(page, 'RX bytes').textContent()).toBe('5');
    await app.session.screenshot('tcp-client-connected');
  });

  it('shows a clear error beside the field and refuses to open a bad port', async () => {
    const { page } = app.session;
    await page.getByRole('button', { name: 'New connection' }).click();
    const dialog = newConnectionDialog(page);
    await dialog.getByLabel('Port', { exact: true }).fill('70000');
    await expect.poll(() => dialog.textContent()).toContain('Port 70000 is above 65535');
    expect(await dialog.getByRole('button', { name: 'Open' }).isDisabled()).toBe(true);
    await app.session.screenshot('new-connection-invalid-port');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('a client that cannot connect says why in the dialog; its options are checked as typed', async () => {
    const { page } = app.session;
    const port = await freePort();
    await page.getByRole('button', { name: 'New connection' }).click();
    const dialog = newConnectionDialog(page);
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
    await app.session.screenshot('new-connection-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  app.itHadNoProblems();
});
