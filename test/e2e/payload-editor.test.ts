import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { computeChecksum } from '../../src/shared/payload/checksums/catalogue';
import type { Page } from 'playwright-core';
import { openBrowser } from '../helpers/browser';
import {
  chooseSendTarget,
  connectInUi,
  counter,
  openConnectionInUi,
  panel,
  useE2eApp,
} from '../helpers/e2e';
import { sha256 } from '../helpers/sha256';
import { editorText, typeInEditor } from '../helpers/monaco';
import { connectPeer } from '../helpers/node-peers';
import { startTcpSink, type TcpSink } from '../helpers/tcp-sink';

/**
 * The payload editor as a person uses it: Monaco in Chromium (browser
 * mode), the bytes composed and sent by the main process, and a plain Node
 * socket on loopback as the device that must receive exactly those bytes.
 */
const app = useE2eApp();
const sinks: TcpSink[] = [];

afterAll(() => Promise.all(sinks.map((s) => s.close())));

const sendButton = (page: Page) => panel(page).getByRole('button', { name: 'Send', exact: true });
const preview = (page: Page) => panel(page).getByRole('region', { name: 'Preview' });

describe('payload editor in Chromium', () => {
  it('marks a bad hex digit, blocks Send with the reason, then sends the fixed frame with CRC-16/MODBUS', async () => {
    const { page } = app.session;
    const sink = await startTcpSink();
    sinks.push(sink);
    await connectInUi(page, sink.port);

    await panel(page).getByRole('radio', { name: 'Hex' }).check();
    await typeInEditor(page, '01 03 00 0G 00 0A');

    // The marker sits under the offending character, and Send says why it is off.
    await expect.poll(() => panel(page).locator('.squiggly-error').count()).toBeGreaterThan(0);
    await expect.poll(() => sendButton(page).isDisabled()).toBe(true);
    const reason = "Line 1, column 11: 'G' is not a hex digit";
    expect(await sendButton(page).getAttribute('title')).toBe(reason);
    expect(await panel(page).getByText(reason).isVisible()).toBe(true);
    await app.session.screenshot('payload-editor-error');

    await typeInEditor(page, '01 03 00 00 00 0A');
    await expect.poll(() => panel(page).locator('.squiggly-error').count()).toBe(0);
    await expect.poll(() => sendButton(page).isEnabled()).toBe(true);

    await panel(page)
      .getByLabel('Checksum', { exact: true })
      .selectOption({ label: 'CRC-16/MODBUS' });
    await expect.poll(() => preview(page).textContent()).toContain('8 bytes');
    const shown = (await preview(page).textContent()) ?? '';
    expect(shown).toContain('01 03 00 00 00 0A C5 CD');
    expect(shown).toContain('|........|');
    expect(shown).toContain('Appended: CRC-16/MODBUS (C5 CD)');
    expect(await preview(page).locator('.part-checksum', { hasText: 'C5' }).count()).toBe(1);
    await app.session.screenshot('payload-editor-preview');

    await sendButton(page).click();
    const got = await sink.waitForBytes(8);
    expect([...got]).toEqual([0x01, 0x03, 0x00, 0x00, 0x00, 0x0a, 0xc5, 0xcd]);
    await expect.poll(() => counter(page, 'TX bytes').textContent()).toBe('8');
  });

  it('Ctrl+Enter sends from the editor, and Up recalls the last payload', async () => {
    const { page } = app.session;
    await typeInEditor(page, 'AA BB');
    await page.keyboard.press('ArrowUp');
    // The recalled frame comes back whole, checksum setting included.
    await expect.poll(() => editorText(page)).toBe('01 03 00 00 00 0A');
    await expect.poll(() => preview(page).textContent()).toContain('01 03 00 00 00 0A C5 CD');
    // Down past the newest brings back what was being typed.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => editorText(page)).toBe('AA BB');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => editorText(page)).toBe('01 03 00 00 00 0A');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect.poll(() => counter(page, 'TX bytes').textContent()).toBe('16');
  });

  it('Ctrl+Enter straight after the last keystroke sends the whole draft, even while rendering lags', async () => {
    const { page } = app.session;
    const sink = sinks[0];
    if (!sink) throw new Error('the first test opens the sink');
    const before = sink.size();
    await panel(page).getByLabel('Checksum', { exact: true }).selectOption({ label: 'None' });
    await typeInEditor(page, '');
    // A slow machine and a long draft: the preview (a deferred render) lags
    // the typing, so what Send last rendered is the draft one keystroke
    // short, with an odd number of hex digits. Ctrl+Enter must send the
    // draft as typed, not refuse the stale one.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    try {
      await page.keyboard.insertText(`${'00 '.repeat(2_000)}DE AD BE EF 0D 0`);
      await page.keyboard.type('7');
      await page.keyboard.press('ControlOrMeta+Enter');
      const got = await sink.waitForBytes(before + 2_006);
      expect([...got.subarray(got.length - 6)]).toEqual([0xde, 0xad, 0xbe, 0xef, 0x0d, 0x07]);
    } finally {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await cdp.detach();
    }
    expect(sink.size()).toBe(before + 2_006);
  });

  it('a server sends to one chosen peer, or to all of them', async () => {
    const { page } = app.session;
    const port = await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);
    const a = await connectPeer(port);
    const b = await connectPeer(port);
    await expect.poll(() => panel(page).getByText('Peers (2)').count()).toBe(1);

    await panel(page).getByRole('radio', { name: 'Hex' }).check();
    await typeInEditor(page, 'AB CD');
    await chooseSendTarget(page, '');
    await sendButton(page).click();
    await a.waitFor(2);
    await b.waitFor(2);
    await chooseSendTarget(page, `127.0.0.1:${b.socket.localPort}`);
    await sendButton(page).click();
    await b.waitFor(4);
    expect([...b.received()]).toEqual([0xab, 0xcd, 0xab, 0xcd]);
    expect([...a.received()]).toEqual([0xab, 0xcd]);
    a.socket.destroy();
    b.socket.destroy();
  });

  it('saves a payload to the library, and after a reload sends it from there', async () => {
    const { page } = app.session;
    const sink = await startTcpSink();
    sinks.push(sink);
    await connectInUi(page, sink.port);
    await typeInEditor(page, 'PING\\x01');
    await panel(page).getByLabel('Line ending').selectOption({ label: 'CRLF (\\r\\n)' });
    await expect.poll(() => preview(page).textContent()).toContain('50 49 4E 47 01 0D 0A');
    await panel(page).getByLabel('Name for the current payload').fill('Ping frame');
    await panel(page).getByRole('button', { name: 'Save', exact: true }).click();
    const library = (p: Page) => panel(p).getByRole('list', { name: 'Library' });
    await expect
      .poll(() => library(page).getByRole('listitem').allTextContents())
      .toEqual([expect.stringContaining('Ping frame')]);

    await page.reload();
    await page.getByRole('tab', { name: new RegExp(`:${sink.port}$`) }).click();
    await expect.poll(() => library(page).getByRole('listitem').count()).toBe(1);
    await app.session.screenshot('payload-library-after-reload');
    await library(page).getByRole('button', { name: 'Send Ping frame' }).click();
    const frame = [0x50, 0x49, 0x4e, 0x47, 0x01, 0x0d, 0x0a];
    expect([...(await sink.waitForBytes(7))]).toEqual(frame);
    const again = library(page).getByRole('button', { name: 'Send Ping frame' });
    await expect.poll(() => again.isEnabled()).toBe(true);

    // Pinned, it becomes the first macro button: Alt+1 sends it, wherever the focus is.
    await library(page).getByRole('button', { name: 'Pin Ping frame as a macro button' }).click();
    await page.keyboard.press('Alt+1');
    expect([...(await sink.waitForBytes(14))]).toEqual([...frame, ...frame]);
  });

  it('renames, duplicates, exports, imports and deletes in the library', async () => {
    const { page } = app.session;
    const library = panel(page).getByRole('list', { name: 'Library' });
    await library.getByRole('button', { name: 'Rename Ping frame' }).click();
    const newName = library.getByLabel('New name');
    await newName.fill('Ping');
    await newName.press('Enter');
    await library.getByRole('button', { name: 'Duplicate Ping' }).click();
    await expect
      .poll(() => library.locator('.library-name').allTextContents())
      .toEqual(['Ping', 'Ping (copy)']);

    const download = page.waitForEvent('download');
    await panel(page)
      .getByRole('region', { name: 'Send' })
      .getByRole('button', { name: 'Export' })
      .click();
    const file = await (await download).path();
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported.version).toBe(2);
    expect(exported.items.map((i: { name: string }) => i.name)).toEqual(['Ping', 'Ping (copy)']);

    await panel(page).getByRole('button', { name: 'Delete Ping (copy)' }).click();
    await panel(page)
      .locator('.library input[type=file]')
      .setInputFiles({
        name: 'lib.json',
        mimeType: 'application/json',
        buffer: readFileSync(file),
      });
    await expect
      .poll(() => library.locator('.library-name').allTextContents())
      .toEqual(['Ping', 'Ping', 'Ping (copy)']);
    await panel(page).getByLabel('Search the library').fill('copy');
    await expect
      .poll(() => library.locator('.library-name').allTextContents())
      .toEqual(['Ping (copy)']);
    await panel(page).getByLabel('Search the library').fill('');
  });

  it('switches Text to Hex and back without losing a byte', async () => {
    const { page } = app.session;
    await panel(page).getByRole('radio', { name: 'Text' }).check();
    await typeInEditor(page, 'Hé\\x00\\r\\n');
    await panel(page).getByRole('radio', { name: 'Hex' }).check();
    await expect.poll(() => editorText(page)).toBe('48 C3 A9 00 0D 0A');
    await panel(page).getByRole('radio', { name: 'Text' }).check();
    await expect.poll(() => editorText(page)).toBe('Hé\\0\\r\\n');

    // A placeholder is shown expanded, its bytes marked: the counter counts this tab's sends (2).
    await typeInEditor(page, 'N={{counter:4:16}};');
    await expect.poll(() => preview(page).textContent()).toContain('4E 3D 30 30 30 32 3B');
    expect(await preview(page).locator('.preview-dump .part-placeholder').count()).toBe(8);
    await app.session.screenshot('payload-editor-placeholder');
  });

  it('sends an uploaded file as a payload, shown by name, size and first bytes only, with progress', async () => {
    const { page } = app.session;
    // A peer that reads nothing at first: the send stalls on backpressure once the
    // kernel's buffers are full (a few MiB), and the bar shows how far it got.
    const sink = await startTcpSink({ paused: true });
    sinks.push(sink);
    await connectInUi(page, sink.port);
    const data = Buffer.alloc(8 * 1024 * 1024);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31 + (i >> 12)) & 0xff;
    await panel(page).getByLabel('Insert a file…').setInputFiles({
      name: 'image.bin',
      mimeType: 'application/octet-stream',
      buffer: data,
    });
    const files = panel(page).getByRole('list', { name: 'Files in this payload' });
    await expect.poll(() => files.textContent()).toContain('image.bin');
    expect(await files.textContent()).toContain('(8.0 MiB)');
    expect(await files.textContent()).toContain('00 1F 3E 5D');
    await panel(page).getByLabel('Checksum', { exact: true }).selectOption({ label: 'CRC-32' });
    // Main composes 8 MiB and its CRC for the preview: give a busy machine time.
    await expect
      .poll(() => preview(page).textContent(), { timeout: 15_000 })
      .toContain('8,388,612 bytes');
    // The editor holds the placeholder, not 8 MiB of hex.
    expect(await panel(page).locator('.payload-editor .view-lines').textContent()).toMatch(
      /^\{\{file:f[0-9a-f]+\}\}$/,
    );
    await app.session.screenshot('payload-editor-file');
    const bar = panel(page).getByRole('progressbar', { name: 'Send progress' });
    const barSeen = bar.waitFor({ state: 'attached', timeout: 30_000 });
    await sendButton(page).click();
    await barSeen;
    await expect
      .poll(
        () =>
          panel(page)
            .getByText(/ of 8\.0 MiB sent$/)
            .count(),
        { timeout: 10_000 },
      )
      .toBe(1);
    await app.session.screenshot('payload-editor-send-progress');
    // One send at a time: the button says so until this one is done.
    const sending = panel(page).getByRole('button', { name: 'Sending…' });
    expect(await sending.isDisabled()).toBe(true);
    sink.resume();
    await sink.waitForBytes(data.length + 4, 30_000);
    await bar.waitFor({ state: 'detached' });
    expect(sink.size()).toBe(data.length + 4);
    expect(sink.digest()).not.toBe(sha256(data)); // the CRC came too
    expect(sink.digest()).toBe(sha256([data, crc32(data)]));
  }, 120_000);

  it('speaks Chinese and follows a dark system theme', async () => {
    const zh = await openBrowser(app.serve.url, { colorScheme: 'dark', locale: 'zh-CN' });
    try {
      const { page } = zh;
      await page.getByRole('tab').first().click();
      const p = page.getByRole('tabpanel');
      await expect.poll(() => p.getByRole('region', { name: '预览' }).count()).toBe(1);
      for (const label of ['编码', '行尾', '校验'])
        expect(await p.getByLabel(label).count()).toBe(1);
      expect(await p.getByRole('radio', { name: '十六进制' }).count()).toBe(1);
      expect(await p.getByRole('list', { name: '报文库' }).count()).toBe(1);
      // Monaco arrives a moment after the tab (loaded on first use).
      await expect.poll(() => p.locator('.monaco-editor.vs-dark').count()).toBe(1);
      await zh.screenshot('payload-editor-zh-dark');
      expect(zh.problems).toEqual([]);
    } finally {
      await zh.close();
    }
  });

  app.itHadNoProblems();
});

/** CRC-32 as four bytes, most significant first (the editor's default order for it). */
function crc32(data: Uint8Array): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(computeChecksum('crc32', data));
  return b;
}
