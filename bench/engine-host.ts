/**
 * The Wirebench main process for the ingest benchmark, without Electron:
 * the real backend (engine, capture log, router) with one window attached
 * that acknowledges every batch, as the renderer does. It opens a TCP
 * server, prints its port, and reports when `--expect` bytes were counted.
 * Bundled by bench/run.mjs into out/bench/engine-host.mjs.
 */
import { parseArgs } from 'node:util';
import { createBackend } from '../src/main/core/backend';
import { startReporter } from './report-ready';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      expect: { type: 'string' },
      'budget-mib': { type: 'string', default: '256' },
      // Without the warm-up the app does at start: the log maps its memory as the flood fills it.
      cold: { type: 'boolean', default: false },
    },
  });
  const expected = Number(values.expect);
  const backend = createBackend(
    { version: 'bench', mode: 'browser' },
    { logBudgetBytes: Number(values['budget-mib']) * 1024 * 1024 },
  );
  // As the app does (createBackend's warmLog), but awaited: the flood starts
  // on an app that has been up for the second the warm-up takes.
  if (!values.cold) await backend.engine.log.warmUp();
  // One window that keeps up: it acknowledges each batch on the next turn.
  const window = backend.router.subscribe((batch) => setImmediate(() => window.ack(batch.seq)));
  const info = await backend.engine.open({
    kind: 'tcp-server',
    host: '127.0.0.1',
    port: 0,
    ipv6Only: false,
    backlog: 511,
  });
  const endpoint = backend.engine.get(info.id);
  startReporter({
    port: info.local!.port,
    expected,
    counted: () => ({ bytes: endpoint.counters.rxBytes, chunks: endpoint.counters.rxChunks }),
    extra: () => ({
      logUsedBytes: backend.engine.log.usedBytes,
      logBudgetBytes: backend.engine.log.budget,
      evictedBytes: backend.engine.log.droppedFor(info.id).bytes,
    }),
  });
}

// A profiler (--cpu-prof) writes its file on a clean exit.
process.on('SIGINT', () => process.exit(0));
void main();
