// The shape of a figure in bench/results.json, and the table printed from them.

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** `{ value, unit, baseline: { name, value, unit } | null, ratio? }` */
export function figure(value, unit, baseline = null) {
  const f = {
    value: round(value),
    unit,
    baseline: baseline && { ...baseline, value: round(baseline.value) },
  };
  if (baseline && baseline.value) f.ratio = round(value / baseline.value, 3);
  return f;
}

const round = (x, digits = 2) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

export function printTable(results) {
  const rows = Object.entries(results).map(([key, f]) => [
    key,
    `${f.value ?? 'n/a'} ${f.unit}`,
    f.baseline ? `${f.baseline.value} ${f.baseline.unit} (${f.baseline.name})` : '',
    f.ratio !== undefined ? String(f.ratio) : '',
  ]);
  const head = ['figure', 'value', 'baseline', 'ratio'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** bench/search-bench.ts's medians: find over the capture log against Buffer.indexOf on the same bytes. */
export function searchFigures(r) {
  return {
    search_throughput: figure(r.ours, 'MiB/s', {
      name: `Buffer.indexOf over the same ${r.bytes / 1024 / 1024} MiB in one contiguous buffer`,
      value: r.baseline,
      unit: 'MiB/s',
    }),
  };
}

/**
 * bench/cli-listen.ts's medians: `wirebench listen` (a child process, stdout on
 * /dev/null) against socat doing the same receiving, in MiB/s of payload.
 */
export function cliFigures(r) {
  const socat = {
    name: 'socat -u TCP-LISTEN STDOUT, stdout on /dev/null',
    value: r.socat,
    unit: 'MiB/s',
  };
  return {
    cli_listen_raw_throughput: figure(r.raw, 'MiB/s', socat),
    cli_listen_quiet_throughput: figure(r.quiet, 'MiB/s', socat),
    cli_listen_jsonl_throughput: figure(r.jsonl, 'MiB/s', socat),
    cli_listen_hexdump_throughput: figure(r.hexdump, 'MiB/s', socat),
  };
}
