// The scale figures (issues 9 and 14), each against its baseline measured
// in the same run: UDP at 100k datagrams/s and unpaced against a bare dgram
// socket (the kernel's drop count read back beside the app's); 15,000 TCP
// clients connecting at once against a bare net.Server with the same
// backlog; a send to all of them; and the bytes of events from servers with
// many peers, after and before peers travelled as changes. Every sender and
// client runs in a process of its own; every loop is bounded in count and
// time; only loopback.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { figure, median } from './figures.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const UDP_COUNT = Number(process.env.BENCH_UDP_DATAGRAMS ?? 300_000);
const UDP_SIZE = 64;
/** Datagrams a host takes before a measured run: its receive path compiled by the JIT first. */
const UDP_WARMUP = Math.round(UDP_COUNT / 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 15_000);
const ISSUE9_PEERS = 5000;
const BACKLOG = 4096;
const RECEIVE_BUFFER = 8 * 1024 * 1024;
const wait = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The descriptor limit to run a child under: what it needs, at most the
 * hard limit (raising past it takes a privilege a container may not have).
 */
function nofile(needed) {
  const m = /^Max open files\s+\S+\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  const hard = Number(m?.[1]);
  return Number.isSafeInteger(hard) ? Math.min(hard, needed) : needed;
}

/** A process that speaks the scale protocol (scale-protocol.ts): its ready line, then one answer per command. */
export async function startHost(bundle, args, { limit, nodeArgs = [] } = {}) {
  const node = [process.execPath, ...nodeArgs, bundle, ...args];
  const [command, argv] = limit
    ? ['prlimit', [`--nofile=${nofile(limit)}`, ...node]]
    : [node[0], node.slice(1)];
  const child = spawn(command, argv, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.(JSON.parse(line)));
  const next = (timeoutMs = 120_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${path.basename(bundle)} did not answer`)),
        timeoutMs,
      );
      waiting.push((v) => {
        clearTimeout(timer);
        resolve(v);
      });
    });
  const ready = await next();
  const ask = (command) => {
    const answer = next();
    child.stdin.write(`${command}\n`);
    return answer;
  };
  return {
    ready,
    ask,
    report: () => ask('report'),
    stop: ({ clean = false } = {}) =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        // A clean exit lets a profiler (--cpu-prof) write its file.
        if (clean) child.stdin.write('exit\n');
        else child.kill('SIGKILL');
      }),
  };
}

/** Runs a script to its end; resolves with its last JSON line. */
function runScript(script, args, timeoutMs = 120_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`${path.basename(script)} exited (${code})`));
      resolve(JSON.parse(out.trim().split('\n').pop()));
    });
  });
}

/** Waits (at most `ms`) until the host's count stops moving: the kernel's queue has drained. */
async function settled(host, ms = 5000) {
  let before = await host.report();
  const during = before;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    await wait(200);
    const now = await host.report();
    if (now.received === before.received) return { ...now, during };
    before = now;
  }
  return { ...before, during };
}

/**
 * One UDP run: `count` datagrams of UDP_SIZE bytes at `rate`/s (0: as fast
 * as the sender can) from a sender process. Received/s is over the host's
 * own first to last datagram; loss against what the sender handed its
 * kernel; the kernel's drop count as read here and as the app shows it.
 */
export async function udpRun(bundle, args, { count, rate, nodeArgs, warmup = 0 }) {
  const host = await startHost(bundle, args, { nodeArgs });
  const send = (n, perSecond) =>
    runScript(path.join(ROOT, 'bench/udp-sender.mjs'), [
      String(host.ready.port),
      String(n),
      String(UDP_SIZE),
      String(perSecond),
    ]);
  try {
    let start = await host.report();
    if (warmup > 0) {
      // A host that has taken traffic before: its code compiled, as in an app that has been running.
      await send(warmup, 0);
      await settled(host);
      start = await host.ask('restart');
    }
    const sender = await send(count, rate);
    const after = await settled(host);
    const r = { ...after, received: after.received - start.received };
    // The app reads the kernel's counter twice a second: give it the time to.
    let app = r;
    for (let i = 0; i < 30 && app.appDrops !== null && app.appDrops !== r.kernelDrops; i++) {
      await wait(100);
      app = await host.report();
    }
    return {
      sent: sender.sent,
      received: r.received,
      perSecond: r.ms > 0 ? r.received / (r.ms / 1000) : 0,
      loss: 1 - r.received / sender.sent,
      // Since the process started, both: the app shows the socket's whole count.
      kernelDrops: r.kernelDrops,
      appDrops: app.appDrops,
      loopMaxMs: r.during.loopMaxMs ?? null,
      cpuUsPerDatagram: r.received > 0 ? ((r.cpuMs - start.cpuMs) * 1000) / r.received : null,
      rcvbuf: host.ready.rcvbuf,
    };
  } finally {
    // A profiled host exits cleanly, so the profiler writes its file.
    await host.stop({ clean: Boolean(nodeArgs?.length) });
  }
}

/** A swarm of TCP clients in its own process (tcp-swarm.mjs), under a raised descriptor limit. */
export function startSwarm(port, count, holdS = 120) {
  const script = path.join(ROOT, 'bench/tcp-swarm.mjs');
  const child = spawn(
    'prlimit',
    [
      `--nofile=${nofile(count + 1024)}`,
      process.execPath,
      script,
      String(port),
      String(count),
      String(holdS),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const messages = [];
  lines.on('line', (line) => messages.push(JSON.parse(line)));
  return {
    /** `trickle` or `churn` (tcp-swarm.mjs). */
    tell: (command) => child.stdin.write(`${command}\n`),
    async next(timeoutMs) {
      const end = performance.now() + timeoutMs;
      while (messages.length === 0 && performance.now() < end) await wait(20);
      return messages.shift() ?? null;
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.stdin.end();
      }),
  };
}

/**
 * The kernel's count of connections a full accept queue turned away
 * (TcpExt ListenOverflows, the whole network namespace: on a shared machine
 * others' listeners are in it too); null where it cannot be read. Each one
 * is a SYN the client sends again a second later (then 3 s, 7 s…), which is
 * why one overflow adds a second to the time until all are accepted.
 */
export function listenOverflows() {
  try {
    const [names, values] = readFileSync('/proc/net/netstat', 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('TcpExt:'))
      .map((line) => line.trim().split(/\s+/));
    const at = names.indexOf('ListenOverflows');
    return at > 0 ? Number(values[at]) : null;
  } catch {
    return null;
  }
}

/**
 * `count` clients connecting at once to a host: ms from the swarm's first
 * connect until the host had accepted them all (null when not within
 * `timeoutMs`), how many it had, how many it refused for want of
 * descriptors, and the kernel's accept-queue overflows meanwhile. Host and
 * swarm stay up for more.
 */
export async function acceptRun(bundle, args, count, { timeoutMs = 60_000, nodeArgs } = {}) {
  const host = await startHost(bundle, [...args, '--expect-peers', String(count)], {
    limit: count + 2048,
    nodeArgs,
  });
  const overflowsBefore = listenOverflows();
  const swarm = startSwarm(host.ready.port, count);
  const stop = async (options) => {
    await swarm.stop();
    await host.stop(options);
  };
  try {
    const started = await swarm.next(10_000);
    const end = performance.now() + timeoutMs;
    let r = await host.report();
    while (!r.allAcceptedAt && performance.now() < end) {
      await wait(100);
      r = await host.report();
    }
    const overflowsAfter = listenOverflows();
    return {
      ms: r.allAcceptedAt ? r.allAcceptedAt - started.startedAt : null,
      accepted: r.peers,
      refused: r.refused ?? 0,
      overflows: overflowsBefore === null ? null : overflowsAfter - overflowsBefore,
      host,
      swarm,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Event bytes a second over `seconds`, after and before (the old full-list shape). */
async function eventRate(host, seconds) {
  const a = await host.report();
  await wait(seconds * 1000);
  const b = await host.report();
  return {
    after: (b.eventBytes - a.eventBytes) / seconds,
    before: (b.oldEventBytes - a.oldEventBytes) / seconds,
    peers: b.peers,
  };
}

const rate = (runs) => median(runs.map((r) => r.perSecond));
const loss = (runs) => median(runs.map((r) => r.loss));

export async function scaleFigures(bundles, runs) {
  const results = {};
  const wb = bundles['scale-host'];
  const bare = bundles['bare-udp'];
  // UDP: interleaved runs, bare and Wirebench with the same receive buffer,
  // each host warmed by a first flood (its code compiled, as in an app that
  // has taken traffic before); the first flood of a fresh process on its own.
  // One pair swings by ±6% on a two-core machine (sender and receiver share it): five at least.
  const udpRuns = Math.max(runs, 5);
  for (const [name, offered, warmup] of [
    ['udp_100k', 100_000, UDP_WARMUP],
    ['udp_unpaced', 0, UDP_WARMUP],
    ['udp_unpaced_cold', 0, 0],
  ]) {
    const sides = { bare: [], wb: [] };
    for (let i = 0; i < udpRuns; i++) {
      sides.bare.push(
        await udpRun(bare, ['--rcvbuf', String(RECEIVE_BUFFER)], {
          count: UDP_COUNT,
          rate: offered,
          warmup,
        }),
      );
      sides.wb.push(
        await udpRun(wb, ['--udp', '--rcvbuf', String(RECEIVE_BUFFER)], {
          count: UDP_COUNT,
          rate: offered,
          warmup,
        }),
      );
      const [b, w] = [sides.bare[i], sides.wb[i]];
      process.stderr.write(
        `${name} run ${i + 1}/${udpRuns}: bare ${Math.round(b.perSecond)}/s (${(100 * b.loss).toFixed(1)}% lost), ` +
          `wirebench ${Math.round(w.perSecond)}/s (${(100 * w.loss).toFixed(1)}% lost, kernel dropped ${w.kernelDrops}, app says ${w.appDrops}; ` +
          `${w.cpuUsPerDatagram?.toFixed(2)} us/datagram against ${b.cpuUsPerDatagram?.toFixed(2)})\n`,
      );
    }
    const how =
      (offered ? `${offered / 1000}k datagrams/s offered` : 'offered as fast as one sender can') +
      (warmup
        ? `, both warmed by ${warmup} datagrams first`
        : ', the first flood of a fresh process');
    results[`${name}_received_per_s`] = figure(rate(sides.wb), 'datagrams/s', {
      name: `bare Node dgram socket, same ${RECEIVE_BUFFER / 1048576} MiB receive buffer, ${how}`,
      value: rate(sides.bare),
      unit: 'datagrams/s',
    });
    results[`${name}_loss`] = figure(loss(sides.wb), 'fraction', {
      name: 'the bare socket, same run',
      value: loss(sides.bare),
      unit: 'fraction',
    });
    results[`${name}_cpu_per_datagram`] = figure(
      median(sides.wb.map((r) => r.cpuUsPerDatagram)),
      'us',
      {
        name: 'the bare socket',
        value: median(sides.bare.map((r) => r.cpuUsPerDatagram)),
        unit: 'us',
      },
    );
    // The app shows what the kernel dropped: both read in every run.
    const said = sides.wb.filter((r) => r.appDrops === r.kernelDrops).length;
    results[`${name}_kernel_drops_said`] = figure(
      median(sides.wb.map((r) => r.appDrops ?? 0)),
      'datagrams',
      {
        name: `the kernel's drops column for the socket (read by the bench); equal in ${said} of ${udpRuns} runs`,
        value: median(sides.wb.map((r) => r.kernelDrops ?? 0)),
        unit: 'datagrams',
      },
    );
  }

  // 15,000 clients at once: accepted, against a bare server with the same backlog.
  const accept = { bare: [], wb: [] };
  const sends = [];
  const idle = [];
  for (let i = 0; i < runs; i++) {
    const b = await acceptRun(bundles['bare-accept'], ['--backlog', String(BACKLOG)], CLIENTS);
    accept.bare.push(b);
    await b.stop();
    const w = await acceptRun(wb, ['--backlog', String(BACKLOG)], CLIENTS);
    accept.wb.push(w);
    try {
      if (w.ms !== null) {
        sends.push(await w.host.ask('send'));
        // Idle but for peers coming and going (one reset and one new client every 100 ms).
        await w.host.ask('old-shape');
        w.swarm.tell('churn');
        await wait(1000);
        idle.push(await eventRate(w.host, 3));
      }
    } finally {
      await w.stop();
    }
    process.stderr.write(
      `accept run ${i + 1}/${runs}: bare ${b.ms?.toFixed(0)} ms (${b.accepted}, ${b.overflows} queue overflows), ` +
        `wirebench ${w.ms?.toFixed(0)} ms (${w.accepted}, ${w.overflows} queue overflows, ${w.refused} refused)` +
        (idle.at(-1)
          ? `; churn events ${Math.round(idle.at(-1).after)} B/s (old shape ${Math.round(idle.at(-1).before)} B/s)`
          : '') +
        (sends.at(-1)
          ? `; send to all ${sends.at(-1).ms?.toFixed(0)} ms, loop held at most ${sends.at(-1).loopMaxMs?.toFixed(1)} ms (longest GC ${sends.at(-1).gcMaxMs?.toFixed(1)} ms)${sends.at(-1).error ? ` (${sends.at(-1).error})` : ''}`
          : '') +
        '\n',
    );
  }
  const acceptedMs = (list) => median(list.map((r) => r.ms ?? Infinity));
  results[`accept_${CLIENTS}_clients_ms`] = figure(acceptedMs(accept.wb), 'ms', {
    name: `bare Node net.Server, backlog ${BACKLOG}, same ${CLIENTS} clients from another process`,
    value: acceptedMs(accept.bare),
    unit: 'ms',
  });
  results[`accept_${CLIENTS}_clients_accepted`] = figure(
    median(accept.wb.map((r) => r.accepted)),
    'peers',
    {
      name: 'clients that connected',
      value: CLIENTS,
      unit: 'peers',
    },
  );
  // The time above moves in whole seconds with these: each turned-away SYN comes back 1 s later.
  results[`accept_${CLIENTS}_clients_queue_overflows`] = figure(
    median(accept.wb.map((r) => r.overflows ?? 0)),
    'SYNs',
    {
      name: "the bare server's runs (the kernel's TcpExt ListenOverflows, whole namespace)",
      value: median(accept.bare.map((r) => r.overflows ?? 0)),
      unit: 'SYNs',
    },
  );
  if (idle.length > 0) {
    results[`events_${CLIENTS}_peers_churn_bytes_per_s`] = figure(
      median(idle.map((r) => r.after)),
      'B/s',
      {
        name: 'the same batches with the whole peer list in each (the old shape), same run',
        value: median(idle.map((r) => r.before)),
        unit: 'B/s',
      },
    );
  }
  if (sends.length > 0) {
    results[`send_all_${CLIENTS}_longest_loop_block`] = figure(
      median(sends.map((s) => s.loopMaxMs)),
      'ms',
      {
        name: 'the goal',
        value: 50,
        unit: 'ms',
      },
    );
    // What of the longest hold a collection can explain (a pause the send does not choose).
    results[`send_all_${CLIENTS}_longest_gc`] = figure(
      median(sends.map((s) => s.gcMaxMs ?? 0)),
      'ms',
      null,
    );
    results[`send_all_${CLIENTS}_ms`] = figure(median(sends.map((s) => s.ms)), 'ms', null);
    results[`send_all_${CLIENTS}_peers_reached`] = figure(
      median(sends.map((s) => s.peers)),
      'peers',
      {
        name: 'peers connected',
        value: CLIENTS,
        unit: 'peers',
      },
    );
  }

  // Issue 9: 5,000 peers, one of them sending one byte a second.
  const trickle = [];
  for (let i = 0; i < runs; i++) {
    const w = await acceptRun(wb, [], ISSUE9_PEERS);
    try {
      if (w.ms === null)
        throw new Error(`only ${w.accepted} of ${ISSUE9_PEERS} peers were accepted`);
      await w.host.ask('old-shape');
      w.swarm.tell('trickle');
      await wait(1500);
      trickle.push(await eventRate(w.host, 5));
    } finally {
      await w.stop();
    }
    const t = trickle.at(-1);
    process.stderr.write(
      `issue 9 run ${i + 1}/${runs}: ${Math.round(t.after)} B/s of events, ${Math.round(t.before)} B/s in the old shape\n`,
    );
  }
  results.events_5000_peers_1_byte_per_s = figure(median(trickle.map((r) => r.after)), 'B/s', {
    name: 'before: the same batches with the whole peer list in each, same run',
    value: median(trickle.map((r) => r.before)),
    unit: 'B/s',
  });
  return results;
}
