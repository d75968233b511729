import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  fillNewConnection,
  localPort,
  newConnectionDialog,
  panel,
  submitNewConnection,
  useE2eApp,
} from '../helpers/e2e';
import { eventually, ncatListener, spawnPeer } from '../helpers/peers';
import { recordingClient, udpDevice, udpServer } from '../helpers/relay-peers';
import { connectServe } from '../helpers/serve-client';
import { makePki } from '../helpers/tls-pki';
import { typeInEditor } from '../helpers/monaco';

/**
 * TLS and the relay as a person uses them: opened from "New connection"
 * in Chromium (browser mode), talking to openssl, ncat and a Node device.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-e2e-data-'));
const app = useE2eApp(['--data-dir', dataDir]);
const sockets: Array<{ destroy(): void }> = [];
const cleanups: Array<() => unknown> = [];
let tlsPort = 0;

afterAll(async () => {
  sockets.forEach((s) => s.destroy());
  for (const c of cleanups.splice(0)) await c();
  rmSync(dataDir, { recursive: true, force: true });
});

function generatedCertificate(): string {
  const dir = path.join(dataDir, 'tls');
  const file = readdirSync(dir).find((f) => f.endsWith('.crt.pem'));
  if (!file) throw new Error(`no generated certificate in ${dir}`);
  return path.join(dir, file);
}

describe('TLS and relay in Chromium', () => {
  it('opens a TLS server with a generated certificate; openssl s_client verifies it and talks both ways', async () => {
    const { page } = app.session;
    await fillNewConnection(page, 'TLS server', '127.0.0.1', '0');
    const names = newConnectionDialog(page).getByLabel('Names (DNS names and IPs)');
    expect(await names.inputValue()).toBe('localhost, 127.0.0.1');
    await app.session.screenshot('tls-server-dialog');
    await submitNewConnection(page);
    tlsPort = await localPort(page);
    expect(tlsPort).toBeGreaterThan(0);
    await expect
      .poll(() => panel(page).textContent())
      .toContain('a new self-signed certificate for localhost, 127.0.0.1');

    const client = spawnPeer('openssl', [
      's_client',
      '-connect',
      `127.0.0.1:${tlsPort}`,
      '-CAfile',
      generatedCertificate(),
      '-verify_return_error',
      '-servername',
      'localhost',
    ]);
    app.track(client);
    await eventually(
      () => client.stdout().toString().includes('Verify return code: 0 (ok)'),
      's_client to verify the certificate',
    );
    client.write(Buffer.from('hello over TLS\n'));
    await expect.poll(() => page.getByRole('log').textContent()).toContain('hello over TLS');

    const tab = panel(page);
    await tab.getByRole('radio', { name: 'Hex' }).check();
    await typeInEditor(page, '57 42 0D 0A');
    await page.keyboard.press('ControlOrMeta+Enter');
    await eventually(() => client.stdout().toString().includes('WB\r\n'), 'our bytes at s_client');

    await tab.getByText('Our certificate').click();
    await expect.poll(() => tab.textContent()).toContain('CN=localhost');
    await expect.poll(() => tab.textContent()).toContain('TLSv1.3');
    await app.session.screenshot('tls-server-with-s_client');
  });

  it('opens a TLS client with an uploaded CA file, and warns when verification is off', async () => {
    const { page } = app.session;
    const dialog = await fillNewConnection(page, 'TLS client', '127.0.0.1', String(tlsPort));
    await dialog.getByLabel('Verify the server certificate').uncheck();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toContain('Verification is off');
    await app.session.screenshot('tls-client-dialog-verification-off');
    await dialog.getByLabel('Verify the server certificate').check();
    await dialog.getByLabel('CA file', { exact: true }).setInputFiles({
      name: 'wirebench-generated.pem',
      mimeType: 'application/x-pem-file',
      buffer: readFileSync(generatedCertificate()),
    });
    await expect.poll(() => dialog.textContent()).toContain('wirebench-generated.pem');
    await dialog.getByLabel('Server name (SNI)').fill('localhost');
    await submitNewConnection(page);
    const tab = panel(page);
    await expect.poll(() => tab.getByText('Connected', { exact: true }).count()).toBe(1);
    await expect.poll(() => tab.textContent()).toContain('Verified');
    await expect.poll(() => tab.textContent()).toContain('Peer certificate chain (1)');
    await app.session.screenshot('tls-client-verified-chain');
  });

  it('opens a relay between a Node device and ncat; bytes pass both ways and injections arrive', async () => {
    const { page } = app.session;
    const { peer: ncat, port: serverPort } = await ncatListener();
    app.track(ncat);

    const dialog = await fillNewConnection(page, 'Relay', '127.0.0.1', '0');
    await dialog.getByLabel('Target host').fill('127.0.0.1');
    await dialog.getByLabel('Target port').fill(String(serverPort));
    await app.session.screenshot('relay-dialog');
    await submitNewConnection(page);
    const relayPort = await localPort(page);

    const device = await recordingClient(relayPort);
    sockets.push(device.socket as { destroy(): void });
    device.socket?.write(Buffer.from([0x00, 0x01, 0xfe, 0xff, 0x41, 0x0a]));
    const atServer = await ncat.waitForBytes(6);
    expect([...atServer]).toEqual([0x00, 0x01, 0xfe, 0xff, 0x41, 0x0a]);
    ncat.write(Buffer.from('pong\n'));
    await eventually(() => device.bytes().toString() === 'pong\n', 'the reply at the device');

    const log = page.getByRole('log');
    await expect.poll(() => log.textContent()).toContain('device → server');
    await expect.poll(() => log.textContent()).toContain('server → device');
    await expect.poll(() => log.textContent()).toContain('00 01 FE FF 41 0A');

    const tab = panel(page);
    await tab.getByLabel('Bytes to inject').fill('INJ\\n');
    await tab.getByRole('button', { name: 'Inject device → server' }).click();
    await ncat.waitForBytes(10);
    expect(ncat.stdout().subarray(6).toString()).toBe('INJ\n');

    const toDevice = tab.getByRole('group', { name: 'Disturbances server → device' });
    await toDevice.getByLabel('Split writes').selectOption({ label: 'Into single bytes' });
    await expect.poll(() => toDevice.textContent()).toContain('Gap (ms)');
    // A gap between pieces long enough that the test process, busy driving
    // Chromium on a loaded machine, still reads each piece on its own.
    const gap = toDevice.getByLabel('Gap (ms)');
    await gap.fill('250');
    // Once the box lets go of what was typed it shows the relay's own value
    // (the default until main has applied the change): 250 means the relay has it.
    await gap.blur();
    await expect.poll(() => gap.inputValue()).toBe('250');
    ncat.write(Buffer.from('abc'));
    await eventually(() => device.bytes().toString() === 'pong\nabc', 'the split bytes');
    expect(device.reads.slice(-3).map((r) => r.toString())).toEqual(['a', 'b', 'c']);
    await app.session.screenshot('relay-conversation');
  });

  it('opens a UDP relay with its session timeout; the panel states its limits and why datagrams were dropped', async () => {
    const { page } = app.session;
    const server = await udpServer(cleanups);
    const dialog = await fillNewConnection(page, 'Relay', '127.0.0.1', '0');
    await dialog.getByLabel('Listen with').selectOption({ label: 'UDP' });
    await dialog.getByLabel('Target host').fill('127.0.0.1');
    await dialog.getByLabel('Target port').fill(String(server.port));
    await dialog.getByLabel('Session idle timeout (s)').fill('30');
    await app.session.screenshot('relay-udp-dialog');
    await submitNewConnection(page);
    const relayPort = await localPort(page);
    const tab = panel(page);
    const toServer = tab.getByRole('group', { name: 'Disturbances device → server' });
    await toServer.getByLabel('Added latency (ms)').fill('60000');
    const device = await udpDevice(cleanups);
    // 20 datagrams of 60,000 bytes: 17 fit in the 1 MiB queue, 3 are dropped. One at a
    // time (asked of the server over its socket), so the kernel's buffer drops none first.
    const client = await connectServe(app.serve);
    cleanups.push(() => client.close());
    const logged = async () =>
      (await client.must('listEndpoints', {})).find((e) => e.local?.port === relayPort)?.counters
        .rxChunks;
    for (let i = 0; i < 20; i++) {
      device.socket.send(Buffer.alloc(60_000, i), relayPort, '127.0.0.1');
      await eventually(async () => (await logged()) === i + 1, `datagram ${i} at the relay`);
    }
    await expect.poll(() => tab.textContent()).toContain('UDP: 1 of at most 1,024');
    await expect
      .poll(() => toServer.textContent())
      .toContain('Dropped: 3 (3 of them because 1.0 MiB was already waiting)');
    const text = await tab.textContent();
    expect(text).toContain('A session ends after 30 s without a datagram either way');
    expect(text).toContain('Each direction holds at most 1.0 MiB of delayed datagrams');
    expect(server.got).toHaveLength(0);
    await app.session.screenshot('relay-udp-limits');
  });

  it('shows the client certificate when the TLS server asks for one', async () => {
    const { page } = app.session;
    const pki = makePki();
    try {
      const dialog = await fillNewConnection(page, 'TLS server', '127.0.0.1', '0');
      await dialog.getByLabel('Ask clients for a certificate').check();
      await dialog.getByLabel('Client CA file', { exact: true }).setInputFiles(pki.file('ca.pem'));
      await expect.poll(() => dialog.textContent()).toContain('ca.pem');
      await submitNewConnection(page);
      const port = await localPort(page);
      const client = spawnPeer('openssl', [
        's_client',
        '-connect',
        `127.0.0.1:${port}`,
        '-cert',
        pki.file('client.pem'),
        '-key',
        pki.file('client.key'),
      ]);
      app.track(client);
      const tab = panel(page);
      await expect.poll(() => tab.textContent()).toContain('Client certificate of 127.0.0.1:');
      await tab.getByText(/^Client certificate of/).click();
      await expect.poll(() => tab.textContent()).toContain('CN=Bench Device 7');
      await expect.poll(() => tab.textContent()).toContain('Verified');
      await app.session.screenshot('tls-server-client-certificate');
    } finally {
      pki.dispose();
    }
  });

  app.itHadNoProblems();
});
