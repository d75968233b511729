import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hexdump } from '../../src/shared/bytes/hexdump';
import { count, counter, openConnectionInUi, panel, useE2eApp } from '../helpers/e2e';
import { connectPeer, type NodePeer } from '../helpers/node-peers';
import { followTcp } from '../helpers/tshark';
import { typeInEditor } from '../helpers/monaco';

/**
 * The live log's views in Chromium against the browser mode: a Node socket
 * (loopback) plays the device, so the test decides exactly how its bytes are
 * chunked on the wire.
 */
const app = useE2eApp();
const sockets: net.Socket[] = [];
const dir = mkdtempSync(join(tmpdir(), 'wb-log-e2e-'));

beforeAll(async () => {
  await app.session.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: app.serve.origin,
  });
});

afterAll(() => sockets.forEach((s) => s.destroy()));

const rows = (page: Page) => panel(page).locator('.msg-spacer [role="row"]');
/** Opens a TCP server on an ephemeral loopback port and returns the port. */
const openServer = (page: Page) => openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);

/** The device: a Node socket with Nagle off, so each write leaves as its own segment. */
async function connect(port: number): Promise<NodePeer> {
  const peer = await connectPeer(port);
  peer.socket.setNoDelay(true);
  sockets.push(peer.socket);
  return peer;
}

/**
 * Writes each piece as its own TCP segment: the next is written only once
 * the UI's RX chunk counter shows the previous one arrived alone.
 */
async function sendPieces(page: Page, peer: NodePeer, pieces: Buffer[]): Promise<void> {
  const start = await count(page, 'RX chunks');
  for (const [i, piece] of pieces.entries()) {
    peer.socket.write(piece);
    await expect.poll(() => count(page, 'RX chunks')).toBe(start + i + 1);
  }
}

describe('live log views in Chromium', () => {
  it('shows each chunk as a Messages row and the selected one in Hex', async () => {
    const { page } = app.session;
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
    await app.session.screenshot('log-messages');

    // The Hex tab shows the selected message, hexdump -C style.
    await panel(page).getByRole('tab', { name: 'Hex' }).click();
    const dump = panel(page).getByRole('region', { name: 'Hex dump' });
    // The offsets show before the bytes have come from main: wait for the whole line.
    await expect
      .poll(() => dump.locator('.hex-line').first().textContent())
      .toBe(hexdump(frames[1]!).split('\n')[0]);
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
    // The keyboard extends it too, and Ctrl+C copies it as hex.
    await dump.press('Shift+ArrowRight');
    await dump.press('Shift+ArrowRight');
    expect(await dump.locator('.ab.sel').count()).toBe(7);
    await dump.press('Control+c');
    await expect
      .poll(() => page.evaluate<string>('navigator.clipboard.readText()'))
      .toBe('48 45 4C 4C 4F 0D 0A');
    await app.session.screenshot('log-hex');
    await panel(page).getByRole('tab', { name: 'Messages' }).click();
  });

  it('framing by delimiter cuts a stream sent in odd chunks into the right frames; the filter finds them', async () => {
    const { page } = app.session;
    const port = await openServer(page);
    await panel(page).getByLabel('Framing', { exact: true }).selectOption({ label: 'Delimiter' });
    const peer = await connect(port);
    // "$GPS,1*7\r\n" "OK\r\n" "ERROR 42\r\n" cut at awkward places, the CR LF itself split.
    const pieces = ['$GP', 'S,1*7\r', '\nOK', '\r\nERR', 'OR 42\r', '\n'].map((p) =>
      Buffer.from(p),
    );
    await sendPieces(page, peer, pieces);
    await expect.poll(() => rows(page).count()).toBe(3);
    const texts = await rows(page).locator('.c-text').allTextContents();
    expect(texts).toEqual(['$GPS,1*7\\r\\n', 'OK\\r\\n', 'ERROR 42\\r\\n']);
    const lengths = await rows(page).locator('.c-len').allTextContents();
    expect(lengths).toEqual(['10', '4', '10']);
    // Each frame names the chunk its first byte came in (data-seq), in order.
    const seqs = await rows(page).evaluateAll((els) => els.map((e) => Number(e.dataset['seq'])));
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);

    // Filter: hex bytes; the matching row is highlighted and Enter selects it.
    const find = panel(page).getByLabel('Find', { exact: true });
    await panel(page).getByLabel('Pattern kind').selectOption('hex');
    await find.fill('4f 4b');
    await expect.poll(() => panel(page).locator('.msg-row.match').count()).toBe(1);
    expect(await panel(page).locator('.msg-row.match mark').textContent()).toBe('4F 4B');
    await find.press('Enter');
    await expect.poll(() => rows(page).nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await panel(page).getByRole('search').textContent()).toContain('Match 1 of 1');
    // A regex with "only matches" hides the rest; F3 wraps round the matches.
    await panel(page).getByLabel('Pattern kind').selectOption('regex');
    await find.fill('[A-Z]{2,}');
    await panel(page).getByLabel('Only matches').check();
    await expect.poll(() => rows(page).count()).toBe(3);
    await find.fill('\\d+\\r');
    await expect.poll(() => rows(page).count()).toBe(2);
    const search = panel(page).getByRole('search');
    await page.keyboard.press('F3');
    await expect.poll(() => search.textContent()).toContain('Match 2 of 2');
    await page.keyboard.press('Shift+F3');
    await expect.poll(() => search.textContent()).toContain('Match 1 of 2');
    await page.keyboard.press('Shift+F3'); // wraps round to the last match
    await expect.poll(() => search.textContent()).toContain('Match 2 of 2');
    await app.session.screenshot('log-framing-filter');

    // Copy the selected message as a C array and as Python bytes.
    await panel(page).locator('.message-detail').getByRole('button', { name: 'Copy as…' }).click();
    await page.getByRole('menuitem', { name: 'C array' }).click();
    await expect
      .poll(() => page.evaluate<string>('navigator.clipboard.readText()'))
      .toBe(
        'const uint8_t data[10] = { 0x45, 0x52, 0x52, 0x4f, 0x52, 0x20, 0x34, 0x32, 0x0d, 0x0a };',
      );
    await rows(page).nth(0).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Python bytes' }).click();
    await expect
      .poll(() => page.evaluate<string>('navigator.clipboard.readText()'))
      .toBe("b'$GPS,1*7\\r\\n'");

    await panel(page).getByLabel('Only matches').uncheck();
    await find.fill('');
  });

  it('Text view decodes in the chosen encoding and escapes what is invisible', async () => {
    const { page } = app.session;
    const port = await openServer(page);
    const peer = await connect(port);
    await sendPieces(page, peer, [
      Buffer.concat([Buffer.from('温度 25\u2103\x00\x1b[1m\r\n'), Buffer.from([0xff])]),
    ]);
    await rows(page).nth(0).click();
    await panel(page).getByRole('tab', { name: 'Text' }).click();
    const body = panel(page).getByLabel('Decoded text');
    await expect.poll(() => body.textContent()).toBe('温度 25℃\\x00\\x1B[1m\n\\xFF');
    await page.getByRole('log', { name: 'Text' }).getByLabel('Encoding').selectOption('ascii');
    await expect.poll(() => body.textContent()).toMatch(/^\\xE6\\xB8\\xA9/);
    await panel(page).getByRole('tab', { name: 'Messages' }).click();
  });

  it('Pause freezes the view while counting; Resume catches up; Clear empties it', async () => {
    const { page } = app.session;
    const port = await openServer(page);
    const peer = await connect(port);
    await sendPieces(page, peer, [Buffer.from('one')]);
    await expect.poll(() => rows(page).count()).toBe(1);
    await panel(page).getByRole('button', { name: 'Pause' }).click();
    await sendPieces(page, peer, [Buffer.from('two'), Buffer.from('three')]);
    expect(await counter(page, 'RX chunks').textContent()).toBe('3');
    expect(await rows(page).count()).toBe(1);
    await expect
      .poll(() => panel(page).getByRole('status').first().textContent())
      .toBe('Paused, 2 new');
    await panel(page).getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => rows(page).count()).toBe(3);
    // Relative time counts from the first message shown.
    await panel(page).getByLabel('Relative time').check();
    expect(await rows(page).first().locator('.c-time').textContent()).toBe('+0 µs');
    expect(await rows(page).nth(1).locator('.c-time').textContent()).toMatch(
      /^\+[\d.]+ (µs|ms|s)$/,
    );
    await panel(page).getByLabel('Relative time').uncheck();
    expect(await rows(page).first().locator('.c-time').textContent()).toMatch(
      /^\d\d:\d\d:\d\d\.\d{6}$/,
    );
    await panel(page).getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => rows(page).count()).toBe(0);
    await sendPieces(page, peer, [Buffer.from('four')]);
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await counter(page, 'RX chunks').textContent()).toBe('4');
  });

  it('Export → pcapng downloads a file that tshark follows to the exact bytes both ways', async () => {
    const { page } = app.session;
    const port = await openServer(page);
    const peer = await connect(port);
    const sent = Buffer.from([...Array(300).keys()].map((i) => (i * 7) & 0xff));
    await sendPieces(page, peer, [sent.subarray(0, 100), sent.subarray(100)]);
    await panel(page).getByRole('radio', { name: 'Hex' }).check();
    await typeInEditor(page, 'DE AD BE EF 0D 0A');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect.poll(() => peer.received().length).toBe(6);

    // RX and TX rows side by side, in both themes.
    await expect.poll(() => rows(page).count()).toBe(3);
    await app.session.screenshot('log-messages-rx-tx-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.session.screenshot('log-messages-rx-tx-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // The log speaks Simplified Chinese too.
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect.poll(() => panel(page).getByRole('tab', { name: '十六进制' }).count()).toBe(1);
    expect(
      await panel(page)
        .getByRole('region', { name: '日志' })
        .getByRole('button', { name: '导出' })
        .count(),
    ).toBe(1);
    await app.session.screenshot('log-messages-zh-cn');
    await page.getByLabel('语言').selectOption('en');

    await panel(page)
      .getByRole('region', { name: 'Log' })
      .getByRole('button', { name: 'Export' })
      .click();
    const menu = panel(page).getByRole('menu', { name: 'Export' });
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      'Text hexdump (.txt)',
      'CSV (.csv)',
      'JSON lines (.jsonl)',
      'pcapng for Wireshark (.pcapng)',
    ]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      menu.getByRole('menuitem', { name: /pcapng/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^wirebench-tcp-server-127\.0\.0\.1_\d+-.*\.pcapng$/,
    );
    const file = join(dir, 'ui-export.pcapng');
    await download.saveAs(file);
    const stream = followTcp(file);
    expect(stream.node1).toBe(`127.0.0.1:${port}`);
    expect(stream.fromNode0.equals(sent)).toBe(true);
    expect(stream.fromNode1.equals(peer.received())).toBe(true);
  });

  it('Terminal interprets ANSI and sends keystrokes only once the user allows it', async () => {
    const { page } = app.session;
    const port = await openServer(page);
    const peer = await connect(port);
    await sendPieces(page, peer, [
      Buffer.from(
        'Welcome to \x1b[1;32mdevice\x1b[0m v1.2\r\n\x1b[31mALARM\x1b[0m low battery\r\n> ',
      ),
    ]);
    await panel(page).getByRole('tab', { name: 'Terminal' }).click();
    const screen = panel(page).locator('.xterm-rows');
    await expect.poll(() => screen.textContent()).toContain('Welcome to device v1.2');
    expect(await screen.textContent()).toContain('ALARM low battery');
    // The colour escapes were interpreted, not printed.
    expect(await screen.textContent()).not.toContain('[31m');
    expect((await screen.locator('span.xterm-fg-1').allTextContents()).join('')).toBe('ALARM');

    await panel(page).locator('.terminal-host').click();
    await page.keyboard.type('nope');
    await panel(page).getByLabel('Send keystrokes to the peer').check();
    await panel(page).locator('.terminal-host').click();
    await page.keyboard.type('ls');
    await page.keyboard.press('Enter');
    // The keys typed once allowed arrive on the same stream after any sent before:
    // once they are in, "nope" would be too, had it been sent.
    await expect.poll(() => peer.received().toString()).toMatch(/ls\r$/);
    expect(peer.received().toString()).toBe('ls\r');
    await expect.poll(() => counter(page, 'TX bytes').textContent()).toBe('3');
    await sendPieces(page, peer, [Buffer.from('ls\r\nREADME  \x1b[34mbin\x1b[0m\r\n> ')]);
    await expect.poll(() => screen.textContent()).toContain('README  bin');
    await app.session.screenshot('log-terminal');
    await panel(page).getByRole('tab', { name: 'Messages' }).click();
  });

  app.itHadNoProblems();
});
