import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../../src/shared/contract/chunk';
import { framingSpec } from '../../../src/shared/framing/framing-spec';
import { MESSAGE_BYTE_LIMIT, MessageLog } from '../../../src/renderer/store/log-model/message-log';
import { appendChunks } from '../../../src/renderer/store/slices/log-rows';
import {
  emptyLog,
  useWorkbench,
  VIEW_BYTE_LIMIT,
  VIEW_ROW_LIMIT,
  type WorkbenchState,
} from '../../../src/renderer/store/store';
import { oldestToDrop } from '../../../src/renderer/store/log-model/trim-oldest';

/**
 * A window's own copy of the log is bounded in bytes as well as rows: a long
 * flood of big chunks must not grow the renderer until it dies, and what
 * the view lets go of is counted.
 */
let seq = 0;
const chunk = (bytes: number): Chunk => ({
  seq: seq++,
  endpointId: 'e1',
  peerId: 'p1',
  dir: 'rx',
  time: seq,
  data: new Uint8Array(bytes),
});
const items = (sizes: number[]) => sizes.map((n) => ({ data: new Uint8Array(n) }));
const sum = (xs: { data: Uint8Array }[]) => xs.reduce((s, x) => s + x.data.byteLength, 0);

describe('oldestToDrop', () => {
  it('drops nothing within the limits plus a tenth, then down to both limits', () => {
    expect(oldestToDrop(items([10, 10, 10]), 30, 3, 30)).toEqual({ count: 0, bytes: 0 });
    // 11 items of 1 byte, limit 10: within a tenth, so nothing yet.
    const eleven = items(Array(11).fill(1));
    expect(oldestToDrop(eleven, 11, 10, 100)).toEqual({ count: 0, bytes: 0 });
    const twelve = items(Array(12).fill(1));
    expect(oldestToDrop(twelve, 12, 10, 100)).toEqual({ count: 2, bytes: 2 });
    // Bytes: 5 × 30 = 150 against 100 → drop the two oldest (90 left).
    const big = items([30, 30, 30, 30, 30]);
    expect(oldestToDrop(big, sum(big), 1000, 100)).toEqual({ count: 2, bytes: 60 });
  });

  it('keeps the newest item however big it is', () => {
    const huge = items([5, 500]);
    expect(oldestToDrop(huge, 505, 10, 100)).toEqual({ count: 1, bytes: 5 });
    expect(oldestToDrop(items([500]), 500, 10, 100)).toEqual({ count: 0, bytes: 0 });
  });
});

describe("a tab's rows", () => {
  it('stay within VIEW_BYTE_LIMIT during a flood of 64 KiB chunks, and the let-go is counted', () => {
    const state: WorkbenchState = { ...useWorkbench.getState(), logs: { e1: emptyLog() } };
    const perBatch = 8;
    const batches = Math.ceil((VIEW_BYTE_LIMIT * 3) / (perBatch * 65536));
    for (let b = 0; b < batches; b++) {
      appendChunks(
        state,
        Array.from({ length: perBatch }, () => chunk(65536)),
      );
    }
    const log = state.logs['e1']!;
    const total = batches * perBatch;
    expect(log.heldBytes).toBe(log.rows.length * 65536);
    expect(log.heldBytes).toBeLessThanOrEqual(VIEW_BYTE_LIMIT * 1.1);
    expect(log.trimmed.chunks + log.rows.length).toBe(total);
    expect(log.trimmed.bytes).toBe(log.trimmed.chunks * 65536);
    // The newest chunk is the last row, and rows are still in seq order.
    expect(log.rows.at(-1)!.seq).toBe(seq - 1);
    expect(log.rows[0]!.seq).toBe(seq - log.rows.length);
  });

  it('stay within VIEW_ROW_LIMIT for many tiny chunks', () => {
    const state: WorkbenchState = { ...useWorkbench.getState(), logs: { e1: emptyLog() } };
    const batch = 10_000;
    for (let b = 0; b < (VIEW_ROW_LIMIT * 1.3) / batch; b++) {
      appendChunks(
        state,
        Array.from({ length: batch }, () => chunk(1)),
      );
    }
    const log = state.logs['e1']!;
    expect(log.rows.length).toBeLessThanOrEqual(VIEW_ROW_LIMIT * 1.1);
    expect(log.rows.length + log.trimmed.chunks).toBe(VIEW_ROW_LIMIT * 1.3);
    expect(log.heldBytes).toBe(log.rows.length);
  });
});

describe('the Messages view model', () => {
  it('lets go of the oldest messages past its byte limit, framed or raw', () => {
    for (const spec of [
      framingSpec.parse({ mode: 'raw' }),
      framingSpec.parse({ mode: 'fixed', length: 65536 }),
    ]) {
      const limit = 1024 * 1024;
      const log = new MessageLog(spec, 1_000_000, limit);
      const rows: Chunk[] = [];
      for (let i = 0; i < 64; i++) {
        rows.push(chunk(65536));
        log.sync(rows);
      }
      const held = log.end - log.start;
      expect(held * 65536).toBeLessThanOrEqual(limit * 1.1);
      expect(held).toBeGreaterThanOrEqual(limit / 65536);
      expect(log.end).toBe(64); // ordinals go on counting
    }
    expect(MESSAGE_BYTE_LIMIT).toBe(64 * 1024 * 1024);
  });
});
