import { describe, expect, it } from 'vitest';
import { CHUNK_OVERHEAD_BYTES, CaptureLog } from '../../../src/main/engine/capture/capture-log';

/**
 * What a window's batcher reads of the capture log: chunks by seq through
 * the log's indexes, and a warning before chunks leave, while they can
 * still be read (core/log-cursor.ts counts what a window was not sent).
 */
const SIZE = 1000;
const WEIGHT = SIZE + CHUNK_OVERHEAD_BYTES;

function append(log: CaptureLog, endpointId: string, size = SIZE): number {
  const data = new Uint8Array(size);
  return log.append({ endpointId, peerId: 'p1', dir: 'rx', time: 1, data }).seq;
}

describe('CaptureLog read by index and watched', () => {
  it('finds a seq by index, and the first held after it, also once seqs have gaps', () => {
    const log = new CaptureLog();
    for (let i = 0; i < 10; i++) append(log, i % 2 ? 'e2' : 'e1', i + 1);
    expect(log.endSeq).toBe(10);
    expect(log.lengthAt(log.indexOfSeq(3))).toBe(4);
    expect(log.endpointAt(log.indexOfSeq(3))).toBe('e2');
    expect(log.indexOfSeq(10)).toBe(log.endIndex);
    log.forget('e2');
    // Only the even seqs are left: an odd one finds the next even.
    expect(log.seqAt(log.indexOfSeq(3))).toBe(4);
    expect(log.chunkAt(log.indexOfSeq(4)).data.byteLength).toBe(5);
    expect(log.indexOfSeq(9)).toBe(log.endIndex);
    expect(log.seqAt(log.indexOfSeq(0))).toBe(0);
    expect(log.endSeq).toBe(10);
  });

  it('says where each eviction stops before it runs, the chunks still readable', () => {
    const log = new CaptureLog(10 * WEIGHT);
    const told: Array<{ beforeSeq: number; oldest: number; endpoints: string[] }> = [];
    log.watch({
      evicting: (beforeSeq) => {
        const endpoints: string[] = [];
        for (let i = log.indexOfSeq(0); i < log.endIndex && log.seqAt(i) < beforeSeq; i++) {
          endpoints.push(log.endpointAt(i));
        }
        told.push({ beforeSeq, oldest: log.oldestSeq, endpoints });
      },
      forgot: () => undefined,
    });
    for (let i = 0; i < 10; i++) append(log, 'e1');
    expect(told).toEqual([]);
    append(log, 'e2');
    expect(told).toEqual([{ beforeSeq: 1, oldest: 0, endpoints: ['e1'] }]);
    expect(log.oldestSeq).toBe(1);
    // One big chunk pushes three out at once.
    append(log, 'e3', 3 * WEIGHT - CHUNK_OVERHEAD_BYTES);
    expect(told[1]).toEqual({ beforeSeq: 4, oldest: 1, endpoints: ['e1', 'e1', 'e1'] });
    expect(log.oldestSeq).toBe(4);
    // A smaller budget evicts too, and says so first.
    log.setBudget(2 * WEIGHT);
    expect(told[2]!.beforeSeq).toBe(log.oldestSeq);
  });

  it('tells watchers of a forget, and stops telling one that unwatched', () => {
    const log = new CaptureLog(4 * WEIGHT);
    const calls: string[] = [];
    const stop = log.watch({
      evicting: (before) => calls.push(`evicting ${before}`),
      forgot: (id) => calls.push(`forgot ${id}`),
    });
    for (let i = 0; i < 5; i++) append(log, 'e1');
    log.forget('e1');
    expect(calls).toEqual(['evicting 1', 'forgot e1']);
    stop();
    stop();
    for (let i = 0; i < 10; i++) append(log, 'e2');
    log.forget('e2');
    expect(calls).toHaveLength(2);
  });
});
