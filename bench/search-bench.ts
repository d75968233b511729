/**
 * Find over a full 256 MiB capture log, the way the app runs it (LogPages:
 * jobs of slab pieces to the search worker, matches across chunks looked
 * for in the seams), against Buffer.indexOf over the same bytes in one
 * contiguous buffer, in the same process, interleaved. The needle is at the
 * very end, so both read everything. Prints medians in MiB/s as JSON.
 */
import { CaptureLog } from '../src/main/engine/capture/capture-log';
import { LogPages } from '../src/main/engine/capture/log-pages';
import type { WirebenchEvent } from '../src/shared/contract';

const MiB = 1024 * 1024;
const LOG_BYTES = Number(process.argv[2] ?? 256) * MiB;
const RUNS = Number(process.argv[3] ?? 3);
const CHUNK = 64 * 1024;
const NEEDLE = Buffer.from('<wirebench-needle>');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
};

async function main(): Promise<void> {
  // The log's bytes: random, as a flood lands (64 KiB reads), the needle in the last chunk.
  const contiguous = Buffer.alloc(LOG_BYTES);
  let state = 0x9e3779b9 | 0;
  for (let i = 0; i < LOG_BYTES; i += 4) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    contiguous.writeInt32LE(state, i);
  }
  NEEDLE.copy(contiguous, LOG_BYTES - NEEDLE.length - 7);
  const done: Array<(e: WirebenchEvent) => void> = [];
  let pages: LogPages | null = null;
  const log = new CaptureLog(LOG_BYTES + 64 * MiB, (id, drop) => pages?.evicted(id, drop.chunks));
  pages = new LogPages(log, (e) => done.forEach((f) => f(e)));
  for (let at = 0; at < LOG_BYTES; at += CHUNK) {
    pages.appended(
      log.append({
        endpointId: 'e1',
        peerId: 'p1',
        dir: 'rx',
        time: 1,
        data: contiguous.subarray(at, at + CHUNK),
      }),
    );
  }
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < RUNS + 1; run++) {
    const t0 = performance.now();
    const at = contiguous.indexOf(NEEDLE);
    const t1 = performance.now();
    if (at !== LOG_BYTES - NEEDLE.length - 7) throw new Error('Buffer.indexOf missed the needle');
    const finished = new Promise<WirebenchEvent>((resolve) => {
      done.length = 0;
      done.push((e) => {
        if (e.type === 'log-scan' && e.state !== 'running') resolve(e);
      });
    });
    const t2 = performance.now();
    pages.startSearch({
      endpointId: 'e1',
      dir: 'all',
      pattern: { kind: 'text', text: NEEDLE.toString(), encoding: 'utf-8' },
    });
    const end = await finished;
    const t3 = performance.now();
    if (end.type !== 'log-scan' || end.found !== 1 || end.done !== LOG_BYTES) {
      throw new Error(`the search did not find the needle once: ${JSON.stringify(end)}`);
    }
    // The first round warms both up (the worker starts; pages are touched).
    if (run === 0) continue;
    baseline.push(LOG_BYTES / MiB / ((t1 - t0) / 1000));
    ours.push(LOG_BYTES / MiB / ((t3 - t2) / 1000));
  }
  await pages.dispose();
  console.log(JSON.stringify({ ours: median(ours), baseline: median(baseline), bytes: LOG_BYTES }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
