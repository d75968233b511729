import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  connectInUi,
  count,
  localPort,
  openConnectionInUi,
  panel,
  saidInChinese,
  useE2eApp,
} from '../helpers/e2e';
import { openAutomation, setAutomationOpen } from '../helpers/automation-ui';
import { editorText, typeInEditor } from '../helpers/monaco';
import { isListening, spawnPeer } from '../helpers/peers';
import { useScratch } from '../helpers/scratch';

/**
 * Issue 12's session restore and workspace files, as a person meets them
 * in Chromium against the real browser-mode process: a bench set-up
 * survives a restart of the process (closed, each tab with Open), a saved
 * workspace opens elsewhere, a bad one changes nothing and says why in one
 * sentence, and a process killed in the middle of a save loses nothing
 * that was saved before.
 */
const scratch = useScratch('workspace-e2e');
const tmp = (name: string) => mkdtempSync(path.join(scratch.dir, `${name}-`));
const dataDir = tmp('ws-data');
const app = useE2eApp(['--data-dir', dataDir]);

const tabs = (page: Page) => page.getByRole('tablist', { name: 'Connections' }).getByRole('tab');
const savedWorkspace = (dir: string) => {
  const file = path.join(dir, 'workspace.json');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
};
const notices = (page: Page) => page.locator('.notices');
let serverPort = 0;
let savedJson = '';

/**
 * A TCP server with a hex draft, CRLF appended, delimiter framing, a filter,
 * an auto-reply rule and a periodic send typed but not started; a client to it.
 */
async function buildSetUp(page: Page): Promise<void> {
  serverPort = await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);
  await panel(page).getByRole('radio', { name: 'Hex' }).check();
  await typeInEditor(page, '01 02 03 0A');
  await panel(page).getByLabel('Line ending').selectOption('crlf');
  await panel(page).getByLabel('Framing', { exact: true }).selectOption('delimiter');
  await panel(page).getByRole('searchbox', { name: 'Find' }).fill('after');
  await panel(page).getByLabel('Direction filter').selectOption('rx');
  const rules = await openAutomation(page, 'Auto-reply');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  const rule = rules.getByRole('listitem', { name: 'Rule 1', exact: true });
  await rule.getByLabel('Match as').selectOption({ label: 'Regex' });
  await rule.getByLabel('Match', { exact: true }).fill('^PING');
  await rule.getByLabel('Reply', { exact: true }).fill('PONG');
  await rules.getByRole('status').getByText('Applied', { exact: true }).waitFor();
  const periodic = await openAutomation(page, 'Periodic send');
  await periodic.getByLabel('Interval (ms)').fill('750');
  await setAutomationOpen(page, false);
  await connectInUi(page, serverPort);
  await tabs(page).first().click();
}

/** What the server tab shows of the set-up, after a restart or an open. */
async function expectSetUp(page: Page): Promise<void> {
  await expect.poll(() => tabs(page).count()).toBe(2);
  await tabs(page).first().click();
  await expect.poll(() => editorText(page)).toBe('01 02 03 0A');
  expect(await panel(page).getByRole('radio', { name: 'Hex' }).isChecked()).toBe(true);
  expect(await panel(page).getByLabel('Line ending').inputValue()).toBe('crlf');
  expect(await panel(page).getByLabel('Framing', { exact: true }).inputValue()).toBe('delimiter');
  expect(await panel(page).getByRole('searchbox', { name: 'Find' }).inputValue()).toBe('after');
  expect(await panel(page).getByLabel('Direction filter').inputValue()).toBe('rx');
  const rules = await openAutomation(page, 'Auto-reply');
  const rule = rules.getByRole('listitem', { name: 'Rule 1', exact: true });
  expect(await rule.getByLabel('Match', { exact: true }).inputValue()).toBe('^PING');
  expect(await rule.getByLabel('Reply', { exact: true }).inputValue()).toBe('PONG');
  // The periodic send comes back as typed, not running: a restart sends nothing unasked.
  const periodic = await openAutomation(page, 'Periodic send');
  expect(await periodic.getByLabel('Interval (ms)').inputValue()).toBe('750');
  await periodic.getByText('Not running.').waitFor();
  await setAutomationOpen(page, false);
}

describe('session restore', () => {
  it('a set-up comes back after the process restarts, closed, and Open rebinds the same port', async () => {
    const { page } = app.session;
    await buildSetUp(page);
    await expect
      .poll(() => savedWorkspace(dataDir), { timeout: 10_000 })
      .toMatch(
        /"pattern": "after"[\s\S]*"match": "\^PING"[\s\S]*"interval": "750"[\s\S]*"kind": "tcp-client"/,
      );

    await app.restart(['--data-dir', dataDir]);
    await expectSetUp(page);
    // Closed: nothing listens until the person says so; each tab has Open.
    expect(isListening(serverPort)).toBe(false);
    const open = panel(page).getByRole('button', { name: 'Open', exact: true });
    await open.waitFor();
    await app.session.screenshot('workspace-restored-closed');
    await open.click();
    await expect.poll(() => isListening(serverPort)).toBe(true);
    expect(await localPort(page)).toBe(serverPort);
    app.track(
      spawnPeer('socat', ['-u', 'SYSTEM:printf after-restart', `TCP:127.0.0.1:${serverPort}`]),
    );
    await expect.poll(() => count(page, 'RX bytes')).toBe('after-restart'.length);
    // The rule was re-armed with the tab: once Open, it answers a peer.
    const peer = app.track(spawnPeer('socat', ['-', `TCP:127.0.0.1:${serverPort}`]));
    // The tab's framing cuts at CRLF, and the rules see the messages the log shows.
    peer.write(Buffer.from('PING\r\n'));
    expect((await peer.waitForBytes(4)).toString()).toBe('PONG');
    await app.session.screenshot('workspace-restored-open');
  });
});

describe('workspace files', () => {
  it('Save workspace… downloads the workspace as JSON', async () => {
    const { page } = app.session;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save workspace…' }).click(),
    ]);
    const file = await download.path();
    savedJson = readFileSync(file, 'utf8');
    const doc = JSON.parse(savedJson) as {
      version: number;
      tabs: Array<{ spec: { port: number } }>;
    };
    expect(doc.version).toBe(2);
    expect(doc.tabs.map((t) => t.spec.port)).toEqual([serverPort, serverPort]);
  });

  it('a corrupted copy changes nothing and says in one sentence what is wrong and where', async () => {
    const { page } = app.session;
    const bad = savedJson.replace(`"port": ${serverPort}`, '"port": 99999');
    const upload = page.locator('input[type=file][aria-label="Open workspace…"]');
    await upload.setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(bad),
    });
    // The server listens: the window asks first, and the keyboard answers.
    const confirm = page.getByRole('dialog', { name: 'Replace the workspace?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('Connections open: 1');
    await app.session.screenshot('workspace-confirm');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    await expect
      .poll(() => notices(page).textContent())
      .toContain('The workspace bad.json was not opened, and nothing changed: tabs.0.spec.port:');
    await app.session.screenshot('workspace-invalid');
    expect(await tabs(page).count()).toBe(2);
    expect(isListening(serverPort)).toBe(true);

    // The same in Chinese: the sentence, its place in the document and its values.
    await page.getByRole('banner').getByRole('combobox').selectOption({ label: '简体中文' });
    await saidInChinese(notices(page), 'workspace.invalid', /未打开工作区 bad\.json，没有任何改变/);
    await saidInChinese(notices(page), 'workspace.not-a-workspace', /tabs\.0\.spec\.port/);
    await app.session.screenshot('workspace-invalid-zh');
    await page.getByRole('banner').getByRole('combobox').selectOption({ label: 'English' });
  });

  it('the good copy opened in a fresh data folder brings everything back', async () => {
    const { page } = app.session;
    const fresh = tmp('ws-fresh');
    await app.restart(['--data-dir', fresh]);
    await page.locator('.empty-state').waitFor();
    const upload = page.locator('input[type=file][aria-label="Open workspace…"]');
    await upload.setInputFiles({
      name: 'bench.json',
      mimeType: 'application/json',
      buffer: Buffer.from(savedJson),
    });
    await expectSetUp(page);
    await expect.poll(() => savedWorkspace(fresh)).toContain('"pattern": "after"');
    // It is in the recent list of that folder now.
    const recent = page.getByRole('combobox', { name: 'Recent workspaces' });
    expect(await recent.locator('option').allTextContents()).toContain('bench.json');
  });

  it('a process killed between writing the temp file and renaming it loads the previous workspace', async () => {
    const { page } = app.session;
    const dir = tmp('ws-kill');
    const flag = path.join(dir, 'hold');
    await app.restart(['--data-dir', dir], { env: { WIREBENCH_TEST_HOLD_WORKSPACE_WRITE: flag } });
    await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);
    await typeInEditor(page, 'saved');
    await expect.poll(() => savedWorkspace(dir)).toContain('"source": "saved"');
    writeFileSync(flag, '');
    await typeInEditor(page, 'saved, then lost');
    await expect.poll(() => app.serve.output()).toContain('workspace save held before rename');
    app.serve.child.kill('SIGKILL');
    await app.restart(['--data-dir', dir]);
    await expect.poll(() => tabs(page).count()).toBe(1);
    await expect.poll(() => editorText(page)).toBe('saved');
  });
});

describe('Reopen connections at start', () => {
  it('the setting in Settings opens every restored connection when the app starts', async () => {
    const { page } = app.session;
    const dir = tmp('ws-reopen');
    await app.restart(['--data-dir', dir]);
    const port = await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('checkbox', { name: 'Reopen connections at start' }).check();
    await app.session.screenshot('workspace-settings-reopen');
    await settings.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => savedWorkspace(dir)).toContain('"reopenAtStart": true');
    await app.restart(['--data-dir', dir]);
    await expect.poll(() => panel(page).getByText('Listening', { exact: true }).count()).toBe(1);
    expect(isListening(port)).toBe(true);
    expect(await localPort(page)).toBe(port);
  });
});

app.itHadNoProblems();
