import { describe, expect, it } from 'vitest';
import type { Chunk, EndpointInfo, EventBatch } from '../../src/shared/contract';
import { decodeMessage } from '../../src/shared/wire/binary-json';
import { encodeEventBatch } from '../../src/shared/wire/event-wire';
import { DEFAULT_BATCHER_OPTIONS } from '../../src/main/core/batcher-options';
import { eventually } from '../helpers/peers';
import { useScratch } from '../helpers/scratch';
import type { Backend } from '../../src/main/core/backend';
import { scratchBackend } from '../helpers/backend-harness';
import { batches, frame, pythonSender, variedDatagrams } from '../helpers/udp-peers';
import { must } from '../helpers/result';

/**
 * Datagrams from Python into a UDP endpoint whose capture log is small,
 * watched by windows that acknowledge late or at their own pace, as the
 * browser mode carries their batches: every datagram is told to each
 * window once, sent with the bytes Python sent or counted as skipped, and
 * the endpoint's counters they see end exact.
 */
const scratch = useScratch('window-accounting');

interface Window {
  chunks: Chunk[];
  skipped: { chunks: number; bytes: number };
  last: EndpointInfo | null;
  /** A held window acknowledges nothing until released. */
  release(): void;
  dispose(): void;
}

/** A window over the wire: each batch decoded as the renderer decodes it, acknowledged on the next turn unless held. */
function window(b: Backend, held: boolean): Window {
  let holding = held;
  let unacked: number | null = null;
  const w: Window = {
    chunks: [],
    skipped: { chunks: 0, bytes: 0 },
    last: null,
    release: () => {
      holding = false;
      if (unacked !== null) sub.ack(unacked);
    },
    dispose: () => sub.dispose(),
  };
  const sub = b.router.subscribe((batch) => {
    const decoded = decodeMessage(encodeEventBatch(batch)) as EventBatch;
    for (const e of decoded.events) {
      if (e.type === 'chunks') w.chunks.push(...e.chunks);
      if (e.type === 'skipped') {
        w.skipped.chunks += e.chunks;
        w.skipped.bytes += e.bytes;
      }
      if (e.type === 'endpoint') w.last = e.endpoint;
    }
    if (holding) unacked = batch.seq;
    else setImmediate(() => sub.ack(batch.seq));
  });
  return w;
}

describe('a UDP flood into a small log, seen by windows at their own pace', () => {
  it('each window is told of every datagram once, sent as Python sent it or skipped', async () => {
    const b = scratchBackend(scratch, {
      logBudgetBytes: 512 * 1024,
      batcher: { ...DEFAULT_BATCHER_OPTIONS, maxPendingBytes: 256 * 1024 },
    });
    const slow = window(b, true);
    const brisk = window(b, false);
    const info = (await must(
      b.router.handle('openEndpoint', { spec: { kind: 'udp', host: '127.0.0.1', port: 0 } }),
    )) as EndpointInfo;
    const sent = variedDatagrams(600, 9000);
    const py = pythonSender('127.0.0.1', info.local!.port);
    scratch.track(py);
    const endpoint = b.engine.get(info.id);
    let expected = 0;
    for (const batch of batches(sent)) {
      py.write(Buffer.concat(batch.map(frame)));
      expected += batch.length;
      await eventually(() => endpoint.counters.rxChunks >= expected, `${expected} datagrams`);
    }
    const bytes = sent.reduce((n, d) => n + d.length, 0);
    expect(endpoint.counters).toMatchObject({ rxChunks: sent.length, rxBytes: bytes });
    // The held window was sent one batch: the rest waits in the log, past its cap, or was evicted.
    expect(b.engine.log.droppedFor(info.id).chunks).toBeGreaterThan(0);
    slow.release();
    for (const w of [slow, brisk]) {
      await eventually(
        () => w.chunks.length + w.skipped.chunks === sent.length,
        'the window to be told of every datagram',
      );
      expect(w.chunks.reduce((n, c) => n + c.data.byteLength, 0) + w.skipped.bytes).toBe(bytes);
      await eventually(
        () => w.last?.counters.rxChunks === sent.length,
        'the counters the window sees to end exact',
      );
    }
    // Bytes each window was sent are those Python sent, in order (a gap where it skipped).
    for (const w of [slow, brisk]) {
      const bySeq = new Map(w.chunks.map((c) => [c.seq, c]));
      const seqs = [...bySeq.keys()];
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(bySeq.size).toBe(w.chunks.length);
      const firstSeq = b.engine.log.endSeq - sent.length;
      let mismatched = 0;
      for (const c of w.chunks) {
        const d = sent[c.seq - firstSeq]!;
        if (!Buffer.from(c.data).equals(d)) mismatched++;
      }
      expect(mismatched).toBe(0);
    }
    expect(slow.skipped.chunks).toBeGreaterThan(0);
    slow.dispose();
    brisk.dispose();
  });
});
