/**
 * Send-time error of a periodic send: actual minus intended time of each of
 * SENDS sends (the k-th intended at start + k·interval), at 10 ms and 1 ms,
 * to a discarding TCP server on loopback. Three schedulers in the same run:
 *
 * - Wirebench's PeriodicSender (src/main/engine/automation/periodic-sender.ts);
 * - the bare setTimeout chain (send, then setTimeout(interval), again), which
 *   drifts by each timer's lateness, send after send;
 * - setTimeout aimed at the next grid time (no drift, but a Node timer's
 *   millisecond grain and lateness), to show what the last-stretch poll buys.
 *
 * Prints one JSON line: per interval and scheduler, median and p99 in ms.
 */
import net from 'node:net';
import type { SendTarget } from '../src/main/engine/automation/automation-target';
import { PeriodicSender } from '../src/main/engine/automation/periodic-sender';
import { composePayload } from '../src/shared/payload/compose';
import { payloadSpecSchema } from '../src/shared/payload/payload-spec';

const SENDS = Number(process.env.BENCH_PERIODIC_SENDS ?? 2000);
const SPEC = payloadSpecSchema.parse({
  mode: 'text',
  source: 'tick {{counter}}',
  lineEnding: 'lf',
});

function compose(index: number): Uint8Array {
  const r = composePayload(SPEC, { counter: index });
  if (!r.ok) throw new Error(r.issues[0]?.message.code);
  return r.bytes;
}

function quantile(sorted: number[], q: number): number {
  const at = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, at)] as number;
}

function summary(errors: number[]): { median: number; p99: number; max: number } {
  const s = [...errors].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p99: quantile(s, 0.99), max: s[s.length - 1] as number };
}

async function wirebench(target: SendTarget, intervalMs: number): Promise<number[]> {
  const errors: number[] = [];
  const sender = new PeriodicSender({
    intervalMs,
    count: SENDS,
    compose: (i) => ({ ok: true, bytes: compose(i) }),
    target,
    onSend: (t) => errors.push(t.actualMs - t.intendedMs),
  });
  const stop = await sender.start();
  if (stop.reason !== 'completed') throw new Error(`the sender stopped: ${JSON.stringify(stop)}`);
  return errors;
}

/** `next(k, start)` says when to schedule send k+1 after send k went out. */
function timeoutScheduler(
  target: SendTarget,
  intervalMs: number,
  delayAfter: (k: number, start: number) => number,
): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const errors: number[] = [];
    const start = performance.now();
    const tick = (k: number): void => {
      const bytes = compose(k);
      errors.push(performance.now() - (start + k * intervalMs));
      target.send(bytes).then(() => {
        if (k + 1 === SENDS) resolve(errors);
        else setTimeout(() => tick(k + 1), Math.max(0, delayAfter(k, start)));
      }, reject);
    };
    tick(0);
  });
}

async function main(): Promise<void> {
  const sink = net.createServer((s) => s.resume());
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const port = (sink.address() as net.AddressInfo).port;
  const socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const target: SendTarget = {
    send: (bytes) =>
      new Promise<void>((resolve, reject) =>
        socket.write(bytes, (e) => (e ? reject(e) : resolve())),
      ),
    closed: new AbortController().signal,
  };
  const out: Record<string, Record<string, ReturnType<typeof summary>>> = {};
  for (const intervalMs of [10, 1]) {
    const chain = await timeoutScheduler(target, intervalMs, () => intervalMs);
    const grid = await timeoutScheduler(
      target,
      intervalMs,
      (k, start) => start + (k + 1) * intervalMs - performance.now(),
    );
    const wb = await wirebench(target, intervalMs);
    out[`${intervalMs}ms`] = { wirebench: summary(wb), chain: summary(chain), grid: summary(grid) };
    process.stderr.write(`periodic ${intervalMs} ms: ${JSON.stringify(out[`${intervalMs}ms`])}\n`);
  }
  socket.destroy();
  sink.close();
  console.log(JSON.stringify({ sends: SENDS, ...out }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
