/**
 * The Wirebench main process for the scale figures, without Electron: the
 * real backend (engine, capture log, router) and one window that receives
 * every batch encoded as the browser mode's WebSocket carries it, counts
 * its bytes and acknowledges it on the next turn. Opens one UDP socket or
 * one TCP server on loopback and speaks the scale protocol
 * (scale-protocol.ts). After the `old-shape` command it also counts what
 * each batch would have weighed when every endpoint event carried the
 * whole peer list (before issue 9's item 9): only then, since encoding
 * 15,000 peers a batch would slow the very host being measured.
 * Bundled by bench/run.mjs.
 */
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createBackend } from '../src/main/core/backend';
import { endpointSpec, type EventBatch } from '../src/shared/contract';
import { encodeEventBatch } from '../src/shared/wire/event-wire';
import { cpuMs, kernelDrops, serveReports, watchCount } from './scale-protocol';

const { values } = parseArgs({
  options: {
    udp: { type: 'boolean', default: false },
    rcvbuf: { type: 'string' },
    backlog: { type: 'string', default: '4096' },
    'expect-peers': { type: 'string', default: '0' },
    // No window attached (to tell the engine's cost from the events').
    'no-window': { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  const backend = createBackend(
    { version: 'bench', mode: 'browser' },
    { logBudgetBytes: 256 * 1024 * 1024 },
  );
  await backend.engine.log.warmUp();
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  // Parsed as the router parses a window's request: the contract's defaults apply.
  const spec = endpointSpec.parse(
    values.udp
      ? {
          kind: 'udp',
          host: '127.0.0.1',
          port: 0,
          ...(values.rcvbuf ? { receiveBufferBytes: Number(values.rcvbuf) } : {}),
        }
      : { kind: 'tcp-server', host: '127.0.0.1', port: 0, backlog: Number(values.backlog) },
  );
  const info = await backend.engine.open(spec);
  const endpoint = backend.engine.get(info.id);
  const port = info.local!.port;

  let eventBytes = 0;
  let oldEventBytes = 0;
  let countOldShape = false;
  let batches = 0;
  /** The same batch as it was before peers travelled as changes: the list in every endpoint event. */
  const oldShape = (batch: EventBatch): EventBatch => ({
    seq: batch.seq,
    events: batch.events.flatMap((e) => {
      if (e.type === 'peers') return [];
      if (e.type !== 'endpoint') return [e];
      const { peerCount: _count, ...rest } = e.endpoint;
      const peers = backend.engine.get(e.endpoint.id).withPeers().peers;
      return [{ type: 'endpoint', endpoint: { ...rest, peers } } as never];
    }),
  });
  const window = values['no-window']
    ? null
    : backend.router.subscribe((batch) => {
        eventBytes += encodeEventBatch(batch, true).byteLength;
        if (countOldShape) oldEventBytes += encodeEventBatch(oldShape(batch), true).byteLength;
        batches++;
        // The seq only: a closure over the batch kept its thousands of chunks alive until the
        // ack, which the transports (websocket-transport.ts, ipc-transport.ts) never do.
        const seq = batch.seq;
        setImmediate(() => window?.ack(seq));
      });

  const seen = watchCount(() => endpoint.counters.rxChunks);
  const expectPeers = Number(values['expect-peers']);
  let allAcceptedAt = 0;
  // Only for the accept figure: a timer every millisecond is CPU the UDP figures must not pay.
  if (expectPeers > 0) {
    const accepted = setInterval(() => {
      if (endpoint.peerCount < expectPeers) return;
      allAcceptedAt = performance.timeOrigin + performance.now();
      clearInterval(accepted);
    }, 1);
    accepted.unref();
  }

  const report = () => {
    const r = {
      received: endpoint.counters.rxChunks,
      ms: seen.last - seen.first,
      peers: endpoint.peerCount,
      allAcceptedAt,
      // Peers the listener refused for want of descriptors (accept-guard.ts).
      refused: endpoint.info().refused ?? 0,
      eventBytes,
      oldEventBytes,
      batches,
      appDrops: endpoint.info().udp?.kernelDrops ?? null,
      kernelDrops: values.udp ? kernelDrops(port) : null,
      cpuMs: cpuMs(),
      // The longest the event loop was held (ms) since the last report.
      loopMaxMs: loopDelay.max / 1e6,
    };
    loopDelay.reset();
    return r;
  };
  // Sends 16 bytes to every peer, as "Send to: all peers" does; says how long
  // it took and the longest the event loop was held meanwhile.
  const send = async () => {
    // The longest garbage collection meanwhile: a pause the send itself does not choose.
    let gcMaxMs = 0;
    const gc = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) gcMaxMs = Math.max(gcMaxMs, e.duration);
    });
    gc.observe({ entryTypes: ['gc'] });
    loopDelay.reset();
    const t0 = performance.now();
    try {
      const sent = await backend.engine.send(info.id, 'all', new Uint8Array(16), { sendId: 'all' });
      const ms = performance.now() - t0;
      // A turn later, so a hold at the very end is in the histogram too.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { ...sent, ms, loopMaxMs: loopDelay.max / 1e6, gcMaxMs };
    } catch (err) {
      return {
        error: (err as Error).message,
        ms: performance.now() - t0,
        loopMaxMs: loopDelay.max / 1e6,
        gcMaxMs,
      };
    } finally {
      gc.disconnect();
    }
  };
  const oldShapeOn = () => {
    countOldShape = true;
    return report();
  };
  serveReports(
    { port, rcvbuf: endpoint.info().udp?.receiveBuffer.granted ?? null },
    {
      report,
      send,
      'old-shape': oldShapeOn,
      restart: () => {
        seen.restart();
        return report();
      },
    },
  );
}

void main();
