/**
 * The log as a window onto the whole capture (issue 11), in Chromium
 * against the browser mode (`out/main/serve.js`, a 256 MiB log budget):
 *
 * - heap: the renderer's JS heap (CDP Runtime.getHeapUsage) before, at its
 *   peak during, and after (collected) a 1 GiB flood at full speed from a
 *   fast local sender, the Messages view following the tail;
 * - filter: 2,000,000 rows held (a sender's lines framed by "\n" in main),
 *   the time from typing a pattern with "Only matches" on to the grid
 *   showing exactly the matching rows, and whether a progress bar showed.
 *
 * Prints one JSON line. Bundled by bench/run.mjs into out/bench/log-window.cjs.
 */
import type { CDPSession, Page } from 'playwright-core';
import { openBrowser } from '../test/helpers/browser';
import { floodLine, LINE } from '../test/helpers/flood-stream';
import { spawnFloodWriter } from '../test/helpers/peers';
import { startServe } from '../test/helpers/serve-process';

const MiB = 1024 * 1024;
const FLOOD_BYTES = Number(process.env['BENCH_FLOOD_BYTES'] ?? 1024 * MiB);
const ROWS = 2_000_000;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
/** Patterns filtered for, one a run: each matches a few hundred of the two million lines. */
const PATTERNS = ['abc0', 'bcd0', 'cde0', 'def0', '9ab0'];

const panel = (page: Page) => page.getByRole('tabpanel');
const note = (line: string) => process.stderr.write(`log-window: ${line}\n`);

async function openServer(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'New connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'New connection' });
  await dialog.getByLabel('Kind', { exact: true }).selectOption({ label: 'TCP server' });
  await dialog.getByLabel('Host', { exact: true }).fill('127.0.0.1');
  await dialog.getByLabel('Port', { exact: true }).fill('0');
  await dialog.getByRole('button', { name: 'Open' }).click();
  await dialog.waitFor({ state: 'detached' });
  // Monaco builds itself when a tab's editor is first shown: let it, so the heap is about the log.
  await panel(page).locator('.payload-editor .view-lines').waitFor();
  const local = await panel(page).locator('.local-address code').textContent();
  return Number(/:(\d+)$/.exec(local ?? '')?.[1]);
}

async function rxBytes(page: Page): Promise<number> {
  const text = await panel(page).getByLabel('RX bytes', { exact: true }).textContent();
  return Number(text?.replace(/\D/g, ''));
}

async function until(what: string, check: () => Promise<boolean>, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The page's JS heap in use, with the memory behind its ArrayBuffers (where
 * bytes from main land) and the DOM's share V8 counts (backing store and
 * embedder heap), in MiB.
 */
async function heapUsed(cdp: CDPSession, collect: boolean): Promise<number> {
  if (collect) await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as {
    usedSize: number;
    backingStorageSize?: number;
    embedderHeapUsedSize?: number;
  };
  const bytes =
    usage.usedSize + (usage.backingStorageSize ?? 0) + (usage.embedderHeapUsedSize ?? 0);
  return bytes / MiB;
}

async function flood(page: Page, cdp: CDPSession, port: number) {
  const before = await heapUsed(cdp, true);
  const writer = spawnFloodWriter(port, FLOOD_BYTES);
  let peak = 0;
  let done = false;
  void writer.exited().then(() => (done = true));
  while (!done || (await rxBytes(page)) < FLOOD_BYTES) {
    peak = Math.max(peak, await heapUsed(cdp, false));
    await new Promise((r) => setTimeout(r, 100));
  }
  // The window takes the last batches and pages, then the garbage is collected.
  await new Promise((r) => setTimeout(r, 1000));
  peak = Math.max(peak, await heapUsed(cdp, false));
  const after = await heapUsed(cdp, true);
  note(`heap before ${before.toFixed(1)} MiB, peak ${peak.toFixed(1)}, after ${after.toFixed(1)}`);
  return { before, peak, after };
}

/** In the page: notes whether a progress bar shows from now on. */
const WATCH_PROGRESS = `(() => {
  window.__progressSeen = false;
  const seen = () => document.querySelector('[role="tabpanel"] [role="progressbar"]') !== null;
  new MutationObserver(() => { if (seen()) window.__progressSeen = true; })
    .observe(document.body, { childList: true, subtree: true });
})()`;

/** In the page (a function, not a string: the page's CSP allows no eval): the grid shows `rows` rows. */
type Doc = {
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
};
const showsRows = (rows: number): boolean =>
  (globalThis as unknown as { document: Doc }).document
    .querySelector('[role="tabpanel"] [role="grid"]')
    ?.getAttribute('aria-rowcount') === String(rows + 1);

async function filterRuns(page: Page, port: number) {
  const grid = panel(page).getByRole('grid', { name: 'Messages' });
  await panel(page).getByLabel('Framing', { exact: true }).selectOption({ label: 'Delimiter' });
  await panel(page).getByLabel('Delimiter', { exact: true }).fill('\\n');
  const writer = spawnFloodWriter(port, ROWS * LINE);
  await writer.exited();
  await until(
    'two million rows',
    async () => (await grid.getAttribute('aria-rowcount')) === String(ROWS + 1),
  );
  note('2,000,000 rows held');
  await panel(page).getByLabel('Only matches').check();
  const find = panel(page).getByLabel('Find', { exact: true });
  const runs: Array<{ ms: number; progress: boolean }> = [];
  for (const pattern of PATTERNS.slice(0, RUNS)) {
    let expected = 0;
    for (let at = 0; at < ROWS * LINE; at += LINE) if (floodLine(at).includes(pattern)) expected++;
    await page.evaluate(WATCH_PROGRESS);
    const t0 = (await page.evaluate('performance.now()')) as number;
    await find.fill(pattern);
    await page.waitForFunction(showsRows, expected, { polling: 'raf', timeout: 120_000 });
    const ms = ((await page.evaluate('performance.now()')) as number) - t0;
    runs.push({ ms, progress: (await page.evaluate('window.__progressSeen')) as boolean });
    note(
      `filter "${pattern}": ${Math.round(ms)} ms, progress bar ${runs.at(-1)!.progress ? 'shown' : 'not shown'}`,
    );
    // Back to every row before the next pattern.
    await find.fill('');
    await until(
      'every row again',
      async () => (await grid.getAttribute('aria-rowcount')) === String(ROWS + 1),
    );
  }
  return runs;
}

async function main(): Promise<void> {
  const serve = await startServe(['--log-budget-mib', '256']);
  const session = await openBrowser(serve.url);
  const { page } = session;
  try {
    page.on('crash', () => note('the page crashed'));
    page.on('close', () => note('the page closed'));
    const cdp = await page.context().newCDPSession(page);
    const heap = await flood(page, cdp, await openServer(page));
    // BENCH_WINDOW=heap: the heap only (a renderer that cannot hold two million rows).
    const filter =
      process.env['BENCH_WINDOW'] === 'heap' ? [] : await filterRuns(page, await openServer(page));
    console.log(
      JSON.stringify({ heap, filter, floodBytes: FLOOD_BYTES, problems: session.problems }),
    );
  } finally {
    await session.close();
    await serve.stop();
  }
}

main().catch((err: Error) => {
  console.error(`log-window bench failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
