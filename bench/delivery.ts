/**
 * Delivery to the window: the browser mode (`out/main/serve.js`) in
 * Chromium through playwright-core, a real peer writing to a Wirebench TCP
 * server at a paced rate. In the page: the longest main-thread task
 * (PerformanceObserver 'longtask'), frames per second (requestAnimationFrame),
 * and arrival-to-row latency: each log row carries its chunk's capture time
 * (`data-time`, µs since the epoch, from the main process's clock) and a
 * MutationObserver notes when the row enters the DOM. Prints one JSON line.
 * Bundled by bench/run.mjs into out/bench/delivery.cjs.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { openBrowser } from '../test/helpers/browser';
import { ROOT, startServe } from '../test/helpers/serve-process';

interface PageStats {
  longtasks: number[];
  frames: number;
  ms: number;
  latencies: number[];
  rows: number;
}

// Page-side code as strings: this file compiles without the DOM library.
const OPEN_SERVER = `(async () => {
  const r = await window.wirebench.openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.local.port;
})()`;

const INSTRUMENT = `(() => {
  const b = (window.__bench = { recording: false, longtasks: [], frames: 0, latencies: [], rows: 0, since: 0 });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (b.recording) b.longtasks.push(e.duration);
  }).observe({ type: 'longtask' });
  const frame = () => {
    if (b.recording) b.frames++;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const note = (el, nowUs) => {
    const t = el.getAttribute('data-time');
    if (t === null || !b.recording) return;
    b.rows++;
    b.latencies.push((nowUs - Number(t)) / 1000);
  };
  new MutationObserver((records) => {
    const nowUs = (performance.timeOrigin + performance.now()) * 1000;
    for (const r of records) {
      r.addedNodes.forEach((n) => {
        if (!(n instanceof Element)) return;
        if (n.hasAttribute('data-time')) note(n, nowUs);
        else n.querySelectorAll('[data-time]').forEach((el) => note(el, nowUs));
      });
    }
  }).observe(document.body, { childList: true, subtree: true });
})()`;

const START = `(() => {
  Object.assign(window.__bench, { recording: true, longtasks: [], frames: 0, latencies: [], rows: 0, since: performance.now() });
})()`;

const STOP = `(() => {
  const b = window.__bench;
  b.recording = false;
  return { longtasks: b.longtasks, frames: b.frames, ms: performance.now() - b.since, latencies: b.latencies, rows: b.rows };
})()`;

function peer(port: number, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'bench/peer-writer.mjs'), String(port), ...args],
      {
        stdio: 'inherit',
      },
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`peer ${args.join(' ')} exited ${code}`));
    });
  });
}

const pct = (xs: number[], p: number): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function main(): Promise<void> {
  const serve = await startServe();
  const session = await openBrowser(serve.url);
  const { page } = session;
  try {
    await page.getByRole('button', { name: 'New connection' }).waitFor();
    const port = (await page.evaluate(OPEN_SERVER)) as number;
    // Monaco loads and builds itself when the tab's editor is first shown: let it
    // finish, so these figures are about delivery, not about that first load.
    await page.locator('[role="tabpanel"] .payload-editor .view-lines').waitFor();
    await page.evaluate(INSTRUMENT);

    const phase = async (args: string[], during?: () => Promise<void>): Promise<PageStats> => {
      await page.evaluate(START);
      const sending = peer(port, args);
      await during?.();
      await sending;
      await page.waitForTimeout(500); // the last batches reach the rows
      return (await page.evaluate(STOP)) as PageStats;
    };

    const low = await phase(['rate', '10', '16', '5']);
    const high = await phase(['rate', '10000', '64', '5']);
    // 50 MB/s: 64 KiB messages, 763 a second, for 5 s. Two seconds in, a click must land.
    let clickMs = -1;
    const flood = await phase(['rate', '763', '65536', '5'], async () => {
      await page.waitForTimeout(2000);
      const t0 = performance.now();
      await page.getByRole('button', { name: 'New connection' }).click();
      await page.getByRole('dialog', { name: 'New connection' }).waitFor();
      clickMs = performance.now() - t0;
      await page.keyboard.press('Escape');
    });

    const result = {
      rowsCarryTime: low.rows > 0,
      low: { median: pct(low.latencies, 50), p99: pct(low.latencies, 99), rows: low.rows },
      high: { median: pct(high.latencies, 50), p99: pct(high.latencies, 99), rows: high.rows },
      flood: {
        longestTask: flood.longtasks.length ? Math.max(...flood.longtasks) : 0,
        longtasks: flood.longtasks.length,
        fps: (flood.frames / flood.ms) * 1000,
        rows: flood.rows,
        clickToDialogMs: clickMs,
      },
      problems: session.problems,
    };
    console.log(JSON.stringify(result));
  } finally {
    await session.close();
    await serve.stop();
  }
}

main().catch((err: Error) => {
  console.error(`delivery bench failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
