/**
 * The measuring half shared by the Wirebench host and the bare baseline,
 * so both are timed the same way: counters are polled every millisecond;
 * the clock starts when the first byte is counted and stops when `expected`
 * bytes are. RSS is sampled all along. JSON lines on stdout.
 */
export interface ReporterOptions {
  port: number;
  expected: number;
  counted: () => { bytes: number; chunks: number };
  extra?: () => Record<string, number>;
}

export function startReporter(options: ReporterOptions): void {
  let start = 0;
  let maxRss = process.memoryUsage.rss();
  const rssTimer = setInterval(() => {
    maxRss = Math.max(maxRss, process.memoryUsage.rss());
  }, 50);
  const check = setInterval(() => {
    const c = options.counted();
    if (start === 0 && c.bytes > 0) start = performance.now();
    if (c.bytes >= options.expected) {
      const ms = performance.now() - start;
      clearInterval(check);
      clearInterval(rssTimer);
      maxRss = Math.max(maxRss, process.memoryUsage.rss());
      console.log(JSON.stringify({ done: true, ms, ...c, maxRss, ...(options.extra?.() ?? {}) }));
    }
  }, 1);
  console.log(JSON.stringify({ port: options.port }));
}
