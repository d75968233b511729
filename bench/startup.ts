/**
 * Start-up in Chromium, browser mode (`out/main/serve.js`), each run with a
 * fresh server and a fresh browser (the server sends `no-store`, so nothing
 * is cached between runs either way). Prints one JSON line.
 *
 * Time to interactive, defined so it cannot flatter: an init script (run
 * before any of the page's own code) watches the DOM; the moment the "New
 * connection" button exists it queues a click on it as a task (behind
 * whatever the page is busy with, as a person's click would be), and notes
 * when the dialog that click opens enters the DOM. The figure is that
 * moment, from navigation start, or the first contentful paint, or the end
 * of the last long task (over 50 ms, PerformanceObserver) seen up to one
 * second later, whichever is latest: the page must be seen, answer, and
 * then stay answering.
 *
 * Longest task while a tab opens: Chromium's own trace (CDP Tracing through
 * playwright-core) of the renderer's main thread, from the click on Open
 * until the payload editor (Monaco, loaded on first use) is ready and half a
 * second has passed; the longest task in it, whatever its size (the
 * long-task API only reports those over 50 ms).
 * Bundled by bench/run.mjs into out/bench/startup.cjs.
 */
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { openBrowser } from '../test/helpers/browser';
import { startServe } from '../test/helpers/serve-process';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BUTTON = 'New connection';

// Page-side code as a string: this file compiles without the DOM library.
const INSTRUMENT = `(() => {
  const s = (window.__startup = { longtasks: [], buttonAt: null, dialogAt: null, fcp: null });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) s.longtasks.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') s.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  const watch = new MutationObserver(() => {
    if (s.buttonAt === null) {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === ${JSON.stringify(BUTTON)});
      if (!button) return;
      s.buttonAt = performance.now();
      setTimeout(() => button.click(), 0);
    } else if (document.querySelector('[role="dialog"]')) {
      s.dialogAt = performance.now();
      watch.disconnect();
    }
  });
  watch.observe(document, { childList: true, subtree: true });
})()`;

const EDITOR = '[role="tabpanel"] .payload-editor .view-lines';

/** Page-side: whether a selector matches (a function, not a string: the CSP forbids eval). */
const present = (selector: string): boolean =>
  (
    globalThis as unknown as { document: { querySelector(s: string): unknown } }
  ).document.querySelector(selector) !== null;

interface StartupStats {
  longtasks: { start: number; end: number }[];
  buttonAt: number;
  dialogAt: number;
  fcp: number | null;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/** Tasks of the renderer's main thread in a Chromium trace, in ms. */
function mainThreadTasks(trace: Buffer): number[] {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  return events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`))
    .map((e) => (e.dur ?? 0) / 1000);
}

async function timeToInteractive(page: Page): Promise<StartupStats & { tti: number }> {
  await page.waitForFunction(
    () => {
      const s = (globalThis as { __startup?: { dialogAt: number | null } }).__startup;
      return s !== undefined && s.dialogAt !== null;
    },
    null,
    { polling: 50, timeout: 30_000 },
  );
  await page.waitForTimeout(1000); // any long task that follows, within a second, counts
  const s = (await page.evaluate('window.__startup')) as StartupStats;
  const lastLong = Math.max(0, ...s.longtasks.map((t) => t.end));
  // Nobody clicks what is not painted yet: never earlier than the first paint.
  return { ...s, tti: Math.max(s.dialogAt, s.fcp ?? 0, lastLong) };
}

async function openTab(browser: Browser, page: Page) {
  await page.getByRole('button', { name: BUTTON }).click();
  const dialog = page.getByRole('dialog', { name: BUTTON });
  await dialog.getByLabel('Kind', { exact: true }).selectOption({ label: 'TCP server' });
  await dialog.getByLabel('Host', { exact: true }).fill('127.0.0.1');
  await dialog.getByLabel('Port', { exact: true }).fill('0');
  await browser.startTracing(undefined, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
  });
  const t0 = (await page.evaluate('performance.now()')) as number;
  await dialog.getByRole('button', { name: 'Open' }).click();
  // Polled every 50 ms, not with Playwright's locators: their checks run in the
  // page on every frame and would be counted as the page's own tasks.
  await page.waitForFunction(present, EDITOR, { polling: 50, timeout: 30_000 });
  const editorMs = ((await page.evaluate('performance.now()')) as number) - t0;
  await page.waitForTimeout(500); // what the editor's arrival sets off
  const trace = await browser.stopTracing();
  // BENCH_STARTUP_TRACE=file.json keeps the trace, for Chromium's Performance panel.
  if (process.env.BENCH_STARTUP_TRACE) writeFileSync(process.env.BENCH_STARTUP_TRACE, trace);
  const tasks = mainThreadTasks(trace);
  // The long-task API's view of the same stretch, as a cross-check of the trace.
  const observed = (await page.evaluate(
    `window.__startup.longtasks.filter((t) => t.start >= ${t0}).map((t) => t.end - t.start)`,
  )) as number[];
  return {
    longestTask: Math.max(0, ...tasks),
    observedLongest: Math.max(0, ...observed),
    tasksOver50: tasks.filter((d) => d > 50).length,
    editorMs,
  };
}

async function run() {
  const serve = await startServe();
  const session = await openBrowser(serve.url, {
    prepare: (page) => page.addInitScript(INSTRUMENT),
    blockOutside: false,
  });
  try {
    const start = await timeToInteractive(session.page);
    await session.page.keyboard.press('Escape');
    await session.page.getByRole('dialog', { name: BUTTON }).waitFor({ state: 'detached' });
    const tab = await openTab(session.browser, session.page);
    return {
      tti: start.tti,
      dialogAt: start.dialogAt,
      fcp: start.fcp,
      startLongest: Math.max(0, ...start.longtasks.map((t) => t.end - t.start)),
      ...tab,
      problems: session.problems,
    };
  } finally {
    await session.close();
    await serve.stop();
  }
}

async function main(): Promise<void> {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await run();
    process.stderr.write(
      `startup run ${i + 1}/${RUNS}: interactive ${Math.round(r.tti)} ms, ` +
        `tab's longest task ${Math.round(r.longestTask)} ms ` +
        `(long-task API: ${Math.round(r.observedLongest)} ms)\n`,
    );
    runs.push(r);
  }
  console.log(JSON.stringify({ runs }));
}

main().catch((err: Error) => {
  console.error(`startup bench failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
