import dgram from 'node:dgram';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser } from '../helpers/browser';
import {
  counter,
  fillNewConnection,
  localPort,
  panel,
  sendHex,
  submitNewConnection,
  useE2eApp,
} from '../helpers/e2e';
import { eventually } from '../helpers/peers';
import { socatReady, spawnSocat, unusedUdpPort } from '../helpers/udp-peers';

/**
 * UDP as a person uses it: opened through "New connection" in Chromium,
 * datagrams from a Node dgram socket shown one row each, and Send going to
 * the typed Remote host/port (socat) or back to the last sender.
 */
const app = useE2eApp();
const sockets: dgram.Socket[] = [];

afterAll(() => {
  sockets.forEach((s) => s.close());
});

async function openUdp(page: Page, host: string, screenshot?: string): Promise<number> {
  await fillNewConnection(page, 'UDP', host, 0);
  if (screenshot) await app.session.screenshot(screenshot);
  await submitNewConnection(page);
  const port = await localPort(page);
  expect(port).toBeGreaterThan(0);
  return port;
}

/** A Node dgram socket on 127.0.0.1 that keeps what it receives. */
async function nodePeer(): Promise<{ socket: dgram.Socket; got: Buffer[] }> {
  const socket = dgram.createSocket('udp4');
  sockets.push(socket);
  const got: Buffer[] = [];
  socket.on('message', (m) => got.push(m));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { socket, got };
}

const sendFrom = (socket: dgram.Socket, data: Buffer, port: number) =>
  new Promise<void>((resolve, reject) =>
    socket.send(data, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())),
  );

describe('UDP in Chromium', () => {
  it('shows each datagram from a Node socket as its own row, sends to Remote host/port and replies to the last sender', async () => {
    const { page } = app.session;
    const port = await openUdp(page, '127.0.0.1', 'udp-new-connection');
    // A UDP socket sends to a typed destination: no "connect a peer first" hint.
    expect(await panel(page).getByText('No peer connected yet.').count()).toBe(0);
    const node = await nodePeer();
    const datagrams = [
      Buffer.from([0x01, 0x02, 0x03]),
      Buffer.from([0xff, 0x00, 0x7f, 0x80]),
      Buffer.from('AB'),
    ];
    for (const d of datagrams) await sendFrom(node.socket, d, port);

    const rows = panel(page).locator('.msg-spacer .msg-row.row-rx');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    expect(await rows.locator('.c-hex').allTextContents()).toEqual([
      '01 02 03',
      'FF 00 7F 80',
      '41 42',
    ]);
    await expect.poll(() => counter(page, 'RX chunks').textContent()).toBe('3');

    // Send to a typed destination: socat receives the bytes exactly.
    const socatPort = await unusedUdpPort();
    const socat = spawnSocat(['-u', `UDP4-RECV:${socatPort},bind=127.0.0.1`, '-']);
    app.track(socat);
    await socatReady(socat);
    await panel(page).getByLabel('Remote host').fill('127.0.0.1');
    await panel(page).getByLabel('Remote port').fill(String(socatPort));
    await sendHex(page, '00 FF 10 20 0D 0A');
    expect([...(await socat.waitForBytes(6))]).toEqual([0x00, 0xff, 0x10, 0x20, 0x0d, 0x0a]);

    // Reply to last sender: the Node socket gets it.
    await panel(page).getByLabel('Reply to last sender').check();
    await sendHex(page, 'CA FE 00 01');
    await eventually(() => node.got.length === 1, 'the reply at the Node socket');
    expect([...(node.got[0] ?? [])]).toEqual([0xca, 0xfe, 0x00, 0x01]);

    const peerTable = panel(page).getByRole('region', { name: 'Remote peers' });
    const peerRows = peerTable.getByRole('table').locator('.peer-grid-spacer [role="row"]');
    await expect.poll(() => peerRows.count()).toBe(2);
    await expect.poll(() => peerTable.textContent()).toContain('Remote peers (2)');
    const nodeRow = peerRows.filter({ hasText: `127.0.0.1:${node.socket.address().port}` });
    // Datagrams in, bytes in, datagrams out, bytes out (the peer's change comes in a later batch).
    await expect
      .poll(() => nodeRow.locator('[role="cell"].num').allTextContents())
      .toEqual(['3', '9', '1', '4']);
    // The receive buffer the kernel granted, and what it dropped (nothing), beside RX.
    await expect
      .poll(() => panel(page).locator('.udp-receive-buffer').textContent())
      .toMatch(/^Receive buffer: [\d.]+ MiB granted by the kernel \(asked 8\.0 MiB\)$/);
    expect(await counter(page, 'Kernel drops').textContent()).toBe('0');
    await app.session.screenshot('udp-rows-and-peers');
  });

  it('explains an unusable Remote port beside the field and sends nothing', async () => {
    const { page } = app.session;
    await openUdp(page, '127.0.0.1');
    await panel(page).getByLabel('Remote port').fill('70000');
    await expect.poll(() => panel(page).textContent()).toContain('Port 70000 is above 65535');
    await sendHex(page, '01');
    await expect
      .poll(() => page.locator('.notices').textContent())
      .toContain('Port 70000 is above 65535');
    expect(await counter(page, 'TX chunks').textContent()).toBe('0');
    await app.session.screenshot('udp-bad-remote-port');
  });

  it('joins a multicast group on lo from the panel, receives socat datagrams to it, allows broadcast and sends one', async () => {
    const { page } = app.session;
    const port = await openUdp(page, '0.0.0.0');
    const group = `239.${100 + Math.floor(Math.random() * 100)}.7.${1 + Math.floor(Math.random() * 250)}`;
    const options = panel(page).locator('details.udp-multicast');
    await options.locator('summary').click();
    await options.getByLabel('Group').fill(group);
    await options.getByLabel('Interface', { exact: true }).selectOption('lo');
    await options.getByRole('button', { name: 'Join' }).click();
    await expect
      .poll(() => options.locator('.udp-memberships').textContent())
      .toContain(`${group} (lo)`);

    const socat = spawnSocat([
      '-u',
      '-',
      `UDP4-DATAGRAM:${group}:${port},ip-multicast-if=127.0.0.1,ip-multicast-loop=1`,
    ]);
    app.track(socat);
    await socatReady(socat);
    socat.write(Buffer.from([0x4d, 0x43, 0x00, 0x01]));
    const rows = panel(page).locator('.msg-spacer .msg-row.row-rx');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    expect(await rows.locator('.c-hex').textContent()).toBe('4D 43 00 01');

    // Broadcast: refused until the permission is given, then it arrives.
    const receiverPort = await unusedUdpPort();
    const receiver = spawnSocat(['-u', `UDP4-RECV:${receiverPort}`, '-']);
    app.track(receiver);
    await socatReady(receiver);
    await panel(page).getByLabel('Remote host').fill('127.255.255.255');
    await panel(page).getByLabel('Remote port').fill(String(receiverPort));
    await sendHex(page, 'BC 01');
    await expect
      .poll(() => page.locator('.notices').textContent())
      .toContain('needs the broadcast permission: turn on "Allow broadcast" first');
    const allow = panel(page).getByLabel('Allow broadcast');
    await allow.click();
    await expect.poll(() => allow.isChecked()).toBe(true);
    await sendHex(page, 'BC 02');
    expect([...(await receiver.waitForBytes(2))]).toEqual([0xbc, 0x02]);
    await app.session.screenshot('udp-multicast-and-broadcast');

    await options.getByRole('button', { name: `Leave ${group} (lo)` }).click();
    await expect.poll(() => options.textContent()).toContain('No group joined.');
  });

  it('speaks Simplified Chinese in the UDP panel', async () => {
    const zh = await openBrowser(app.serve.url, { locale: 'zh-CN' });
    try {
      const { page } = zh;
      await page.getByRole('button', { name: '新建连接' }).click();
      const dialog = page.getByRole('dialog', { name: '新建连接' });
      await dialog.getByLabel('类型').selectOption({ label: 'UDP' });
      await dialog.getByLabel('主机', { exact: true }).fill('127.0.0.1');
      await dialog.getByLabel('端口', { exact: true }).fill('0');
      await dialog.getByRole('button', { name: '打开' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => panel(page).getByLabel('远程主机').count()).toBe(1);
      expect(await panel(page).getByLabel('远程端口').count()).toBe(1);
      expect(await panel(page).getByLabel('回复最后的发送方').count()).toBe(1);
      // A group that is not multicast is refused beside the field in the shared check's Chinese words.
      const options = panel(page).locator('details.udp-multicast');
      await options.locator('summary').click();
      await options.getByLabel('组地址').fill('10.0.0.1');
      await expect
        .poll(() => options.textContent())
        .toContain('组播组地址应在 224.0.0.0–239.255.255.255（IPv4）或 ff00::/8（IPv6）范围内');
      await zh.screenshot('udp-zh-CN');
      expect(zh.problems).toEqual([]);
    } finally {
      await zh.close();
    }
  });

  app.itHadNoProblems();
});
