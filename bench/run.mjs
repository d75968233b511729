// `npm run bench`: the live log's figures, each side by side with its
// baseline in the same run (medians of a few runs), printed as a table and
// written to bench/results.json. Every loop is bounded; only loopback.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { cliFigures, figure, median, printTable, searchFigures } from './figures.mjs';
import { periodicFigures } from './periodic-figures.mjs';
import { logWindowFigures } from './log-window-figures.mjs';
import { scaleFigures } from './scale-figures.mjs';
import { startupFigures } from './startup-figures.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'out/bench');
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const INGEST_BYTES = Number(process.env.BENCH_INGEST_BYTES ?? GiB);
const SMALL_WRITES = 1_000_000;
const SMALL_SIZE = 64;
const BUDGET_MIB = Number(process.env.BENCH_BUDGET_MIB ?? 256);
const CLI_BYTES = Number(process.env.BENCH_CLI_BYTES ?? 256 * MiB);
/**
 * What the main process may use beyond the log's budget: Node and V8 as a
 * bare server has them (~83 MiB here) and the log's slab being filled plus
 * one spare (8 MiB, slab-pool.ts). Reads land in one 64 KiB buffer and a
 * window's backlog is a range of the log's seqs, so neither adds read
 * buffers waiting for the collector (they were 64 MiB of the old 160).
 */
const STATED_OVERHEAD_MIB = 96;
// BENCH_ONLY=ingest,small,hexdump,search,delivery,periodic,startup,window,cli,scale runs a subset (while working on one figure).
const ONLY = process.env.BENCH_ONLY?.split(',') ?? null;
const wanted = (name) => ONLY === null || ONLY.includes(name);

/** The bench's TypeScript entries (engine host, bare server, hexdump) as Node bundles. */
async function bundle() {
  const entries = [
    'engine-host',
    'bare-server',
    'hexdump-bench',
    'search-bench',
    'delivery',
    'periodic-timing',
    'startup',
    'log-window',
    'scale-host',
    'bare-udp',
    'bare-accept',
    'cli-listen',
  ];
  await build({
    input: Object.fromEntries(entries.map((e) => [e, path.join(ROOT, 'bench', `${e}.ts`)])),
    platform: 'node',
    // Packages stay in node_modules (out/bench resolves them from the project).
    external: [/^[^./]/],
    logLevel: 'silent',
    output: { dir: OUT, format: 'cjs', entryFileNames: '[name].cjs' },
  });
  return Object.fromEntries(entries.map((e) => [e, path.join(OUT, `${e}.cjs`)]));
}

/** Runs a server process and the peer; resolves with the server's final report. */
function runServer(script, serverArgs, peerArgs, timeoutMs = 300_000) {
  return new Promise((resolve, reject) => {
    const server = spawn(process.execPath, [script, ...serverArgs], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let peer = null;
    let out = '';
    const timer = setTimeout(() => {
      server.kill('SIGKILL');
      peer?.kill('SIGKILL');
      reject(new Error(`${path.basename(script)} did not finish in ${timeoutMs} ms`));
    }, timeoutMs);
    server.stdout.on('data', (d) => {
      out += d.toString();
      for (;;) {
        const nl = out.indexOf('\n');
        if (nl < 0) break;
        const msg = JSON.parse(out.slice(0, nl));
        out = out.slice(nl + 1);
        if (msg.port) {
          peer = spawn(
            process.execPath,
            [path.join(ROOT, 'bench/peer-writer.mjs'), String(msg.port), ...peerArgs],
            {
              stdio: 'inherit',
            },
          );
        } else if (msg.done) {
          clearTimeout(timer);
          server.kill('SIGKILL');
          resolve(msg);
        }
      }
    });
    server.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`${path.basename(script)} exited (${code})`));
    });
  });
}

/** The servers the ingest figures compare: [bundle, arguments], run in this order each round. */
const INGEST_VARIANTS = {
  warmRing: ['bare-server', ['--ring-mib', String(BUDGET_MIB), '--warm']],
  ring: ['bare-server', ['--ring-mib', String(BUDGET_MIB)]],
  bare: ['bare-server', []],
  bareLanding: ['bare-server', ['--landing']],
  wb: ['engine-host', ['--budget-mib', String(BUDGET_MIB)]],
  wbCold: ['engine-host', ['--budget-mib', String(BUDGET_MIB), '--cold']],
};

async function ingest(bundles) {
  const runs = Object.fromEntries(Object.keys(INGEST_VARIANTS).map((name) => [name, []]));
  for (let i = 0; i < RUNS; i++) {
    // Interleaved, so a noisy neighbour hurts all sides alike.
    for (const [name, [bundle, args]] of Object.entries(INGEST_VARIANTS)) {
      runs[name].push(
        await runServer(
          bundles[bundle],
          ['--expect', String(INGEST_BYTES), ...args],
          ['bulk', String(INGEST_BYTES)],
        ),
      );
    }
    const line = Object.entries(runs).map(([name, r]) => `${name} ${rate(r[i])} MiB/s`);
    process.stderr.write(`ingest run ${i + 1}/${RUNS}: ${line.join(', ')}\n`);
  }
  for (const r of [...runs.wb, ...runs.wbCold]) {
    if (r.bytes !== INGEST_BYTES)
      throw new Error(`Wirebench counted ${r.bytes} of ${INGEST_BYTES} bytes`);
  }
  return runs;
}

async function manySmall(bundles) {
  const total = SMALL_WRITES * SMALL_SIZE;
  const wb = [];
  const bare = [];
  const args = ['small', String(SMALL_WRITES), String(SMALL_SIZE)];
  for (let i = 0; i < RUNS; i++) {
    bare.push(await runServer(bundles['bare-server'], ['--expect', String(total)], args));
    wb.push(await runServer(bundles['engine-host'], ['--expect', String(total)], args));
    process.stderr.write(
      `small run ${i + 1}/${RUNS}: bare ${msgRate(bare[i])}/s, wirebench ${msgRate(wb[i])}/s\n`,
    );
  }
  const exact = wb.every((r) => r.bytes === total);
  return { wb, bare, exact, total };
}

const rate = (r) => Math.round(r.bytes / MiB / (r.ms / 1000));
const msgRate = (r) => Math.round(SMALL_WRITES / (r.ms / 1000));

function hexdumpBench(bundles) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wirebench-bench-'));
  try {
    const file = path.join(dir, 'random.bin');
    writeFileSync(file, randomBytes(100 * MiB));
    const ours = [];
    const xxd = [];
    for (let i = 0; i < RUNS; i++) {
      const r = spawnSync(process.execPath, [bundles['hexdump-bench'], file], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`hexdump bench failed: ${r.stderr}`);
      ours.push(JSON.parse(r.stdout).ms);
      const t0 = performance.now();
      const x = spawnSync('xxd', [file], { stdio: ['ignore', 'ignore', 'inherit'] });
      if (x.status !== 0) throw new Error('xxd failed');
      xxd.push(performance.now() - t0);
    }
    return { ours: (100 / median(ours)) * 1000, xxd: (100 / median(xxd)) * 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a bench bundle that prints one JSON line, and returns it. */
function runJson(bundle, args) {
  const r = spawnSync(process.execPath, [bundle, ...args], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${path.basename(bundle)} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** One run of the browser-mode figures (bench/delivery.ts), in a child process with its own Chromium. */
function deliveryRun(bundles) {
  const r = spawnSync(process.execPath, [bundles.delivery], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 180_000,
  });
  if (r.status !== 0) throw new Error('the delivery bench failed (see above)');
  const d = JSON.parse(r.stdout.trim().split('\n').pop());
  if (d.problems.length)
    process.stderr.write(`delivery: page problems: ${d.problems.join('; ')}\n`);
  if (!d.rowsCarryTime) {
    process.stderr.write('delivery: no log row carries data-time; latency cannot be measured\n');
  }
  return d;
}

/** The delivery figures: the median of RUNS runs of each (a shared machine makes single runs noisy). */
function delivery(bundles) {
  const runs = Array.from({ length: RUNS }, (_, i) => {
    const d = deliveryRun(bundles);
    process.stderr.write(
      `delivery run ${i + 1}/${RUNS}: flood longest task ${d.flood.longestTask} ms, p99 at 10,000/s ${Math.round(d.high.p99)} ms\n`,
    );
    return d;
  });
  const med = (pick) => median(runs.map(pick));
  const d = {
    low: { median: med((x) => x.low.median), p99: med((x) => x.low.p99) },
    high: { median: med((x) => x.high.median), p99: med((x) => x.high.p99) },
    flood: {
      longestTask: med((x) => x.flood.longestTask),
      longtasks: med((x) => x.flood.longtasks),
      fps: med((x) => x.flood.fps),
      rows: med((x) => x.flood.rows),
      clickToDialogMs: med((x) => x.flood.clickToDialogMs),
    },
  };
  const frame = { unit: 'ms' };
  return {
    delivery_flood_longest_task: figure(d.flood.longestTask, 'ms', {
      ...frame,
      name: 'goal: no task over 50 ms during the flood (a 16.7 ms frame budget at 60 fps)',
      value: 50,
    }),
    delivery_flood_long_tasks: figure(d.flood.longtasks, 'count', null),
    delivery_flood_fps: figure(d.flood.fps, 'frames/s', {
      name: 'display refresh',
      value: 60,
      unit: 'frames/s',
    }),
    delivery_latency_10_per_s_median: figure(d.low.median, 'ms', null),
    delivery_latency_10_per_s_p99: figure(d.low.p99, 'ms', null),
    delivery_latency_10000_per_s_median: figure(d.high.median, 'ms', null),
    delivery_latency_10000_per_s_p99: figure(d.high.p99, 'ms', {
      name: 'goal: a message reaches its row within 100 ms (p99) at 10,000 messages/s',
      value: 100,
      unit: 'ms',
    }),
    delivery_flood_rows_shown: figure(d.flood.rows, 'rows', null),
    delivery_flood_click_to_dialog: figure(d.flood.clickToDialogMs, 'ms', {
      name: 'goal: a click answered within 300 ms during the flood',
      value: 300,
      unit: 'ms',
    }),
  };
}

async function main() {
  const t0 = performance.now();
  const bundles = await bundle();
  const results = {};

  if (wanted('ingest')) await ingestFigures(bundles, results);
  if (wanted('small')) await smallFigures(bundles, results);
  if (wanted('hexdump')) {
    const hex = hexdumpBench(bundles);
    results.hexdump_format = figure(hex.ours, 'MB/s', {
      name: 'xxd on the same 100 MiB file',
      value: hex.xxd,
      unit: 'MB/s',
    });
  }
  if (wanted('search')) Object.assign(results, searchFigures(runJson(bundles['search-bench'], [String(BUDGET_MIB), String(RUNS)])));
  if (wanted('delivery')) Object.assign(results, delivery(bundles));
  if (wanted('periodic')) Object.assign(results, periodicFigures(bundles['periodic-timing']));
  if (wanted('startup')) Object.assign(results, startupFigures(bundles.startup));
  if (wanted('window')) Object.assign(results, logWindowFigures(bundles['log-window']));
  if (wanted('cli'))
    Object.assign(results, cliFigures(runJson(bundles['cli-listen'], [String(CLI_BYTES), String(RUNS)])));
  if (wanted('scale')) Object.assign(results, await scaleFigures(bundles, RUNS));

  writeFileSync(path.join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
  printTable(results);
  console.log(
    `\n(${RUNS} runs each, medians; ${Math.round((performance.now() - t0) / 1000)} s; bench/results.json written)`,
  );
}

async function ingestFigures(bundles, results) {
  const ing = await ingest(bundles);
  const rates = Object.fromEntries(
    Object.entries(ing).map(([name, runs]) => [name, median(runs.map(rate))]),
  );
  const discard = { name: 'bare Node net.Server that discards', value: rates.bare, unit: 'MiB/s' };
  const warmRing = {
    name: `bare net.Server copying every chunk into a ${BUDGET_MIB} MiB ring whose pages were touched before the clock started`,
    value: rates.warmRing,
    unit: 'MiB/s',
  };
  results.ingest_throughput = figure(rates.wb, 'MiB/s', discard);
  results.ingest_vs_warm_ring_copy = figure(rates.wb, 'MiB/s', warmRing);
  // Above 1 against the plain discard: Node's fresh Buffer per read costs that
  // server page faults and GC that reading into one reused buffer avoids.
  results.ingest_vs_bare_reused_buffer = figure(rates.wb, 'MiB/s', {
    name: 'bare net.Server that discards, reading into one reused buffer as Wirebench does',
    value: rates.bareLanding,
    unit: 'MiB/s',
  });
  results.ingest_cold_throughput = figure(rates.wbCold, 'MiB/s', discard);
  results.ingest_cold_vs_ring_copy = figure(rates.wbCold, 'MiB/s', {
    name: `bare net.Server copying every chunk into a ${BUDGET_MIB} MiB ring, pages touched as it fills`,
    value: rates.ring,
    unit: 'MiB/s',
  });
  results.ingest_first_touch_cost = figure(rates.ring, 'MiB/s', {
    ...warmRing,
    name: 'the same ring, warm',
  });
  const rssMiB = Math.max(...ing.wb.map((r) => r.maxRss)) / MiB;
  const bareRssMiB = Math.max(...ing.bare.map((r) => r.maxRss)) / MiB;
  results.ingest_main_rss = figure(rssMiB, 'MiB', {
    name: `log budget ${BUDGET_MIB} MiB + stated overhead ${STATED_OVERHEAD_MIB} MiB`,
    value: BUDGET_MIB + STATED_OVERHEAD_MIB,
    unit: 'MiB',
  });
  results.ingest_bare_rss = figure(bareRssMiB, 'MiB', null);
  results.ingest_bytes_counted = figure(ing.wb[0].bytes, 'bytes', {
    name: 'bytes the peer sent',
    value: INGEST_BYTES,
    unit: 'bytes',
  });
}

async function smallFigures(bundles, results) {
  const small = await manySmall(bundles);
  results.small_writes_rate = figure(median(small.wb.map(msgRate)), 'writes/s', {
    name: 'bare Node net.Server that discards',
    value: median(small.bare.map(msgRate)),
    unit: 'writes/s',
  });
  results.small_writes_bytes_counted = figure(small.wb[0].bytes, 'bytes', {
    name: `${SMALL_WRITES} writes x ${SMALL_SIZE} bytes`,
    value: small.total,
    unit: 'bytes',
  });
  results.small_writes_all_counted = figure(small.exact ? 1 : 0, 'boolean', null);
}

main().catch((err) => {
  console.error(`bench failed: ${err.stack ?? err}`);
  process.exit(1);
});
