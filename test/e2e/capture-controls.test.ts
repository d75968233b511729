import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openConnectionInUi, useE2eApp } from '../helpers/e2e';
import { readPcapngTcp } from '../helpers/pcapng-read';
import { spawnPeer } from '../helpers/peers';
import { randomBytes } from '../helpers/random-bytes';
import { sha256 } from '../helpers/sha256';

/**
 * The capture controls as a person uses them: capture to disk from the UI
 * (the file is named by the main process, under --captures-dir, and shown
 * with what was written), and the log's budget.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-e2e-capture-'));
const app = useE2eApp(['--captures-dir', path.join(dir, 'captures')]);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('capture controls in Chromium', () => {
  it('captures a socat stream to a pcapng file named by the main process', async () => {
    const { page } = app.session;
    const panel = page.getByRole('tabpanel');
    const port = await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);

    await panel.getByLabel('Capture to disk').check();
    await expect.poll(() => panel.getByRole('status').textContent()).toContain('Writing ');

    const data = randomBytes(1024 * 1024, 1);
    const source = path.join(dir, 'source.bin');
    writeFileSync(source, data);
    const socat = spawnPeer('socat', ['-u', `OPEN:${source},rdonly`, `TCP:127.0.0.1:${port}`]);
    app.track(socat);
    await socat.exited();
    await expect
      .poll(() => panel.getByLabel('RX bytes', { exact: true }).textContent(), { timeout: 10_000 })
      .toBe('1,048,576');
    await expect
      .poll(() => panel.getByRole('status').textContent(), { timeout: 10_000 })
      .toContain('1.0 MiB');
    await app.session.screenshot('capture-to-disk-running');

    await panel.getByLabel('Capture to disk').uncheck();
    await expect.poll(() => panel.getByRole('status').textContent()).toContain('Saved ');
    const shown = (await panel.getByRole('status').textContent()) ?? '';
    const file = /Saved (\S+\.pcapng)/.exec(shown)?.[1] ?? '';
    expect(path.dirname(file)).toBe(path.join(dir, 'captures'));
    const segments = readPcapngTcp(readFileSync(file));
    const rx = Buffer.concat(segments.filter((s) => s.dstPort === port).map((s) => s.payload));
    expect(sha256(rx)).toBe(sha256(data));
  });

  it('sets the log budget and the log panel states the new one', async () => {
    const { page } = app.session;
    const panel = page.getByRole('tabpanel');
    await panel.getByLabel('Log budget').selectOption({ label: '16 MiB' });
    await expect.poll(() => panel.textContent()).toContain('keeps up to 16 MiB');
    await expect.poll(() => panel.textContent()).toContain('of 16 MiB used');
    await app.session.screenshot('capture-budget');
  });

  app.itHadNoProblems();
});
