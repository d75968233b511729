import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventBatch } from '../../../src/shared/contract';
import { MAX_LOG_BUDGET_BYTES } from '../../../src/shared/contract/ops/capture-ops';
import { createBackend, type Backend } from '../../../src/main/core/backend';
import { clampLogBudget, logBudgetLimit } from '../../../src/main/engine/capture/log-budget';
import { englishOf } from '../../../src/shared/messages/plain-formats';
import { inEnglish } from '../../helpers/english';

/**
 * Issue 9, item 7: the contract lets a window ask for a 16 GiB capture log,
 * and the log maps what its budget says; a machine gives it at most half of
 * its memory, and says so when it gave less than asked.
 */
const GiB = 1024 ** 3;
const backends: Backend[] = [];
afterEach(async () => {
  await Promise.all(backends.splice(0).map((b) => b.dispose()));
});

function backend(totalMemoryBytes?: number): { b: Backend; notices: string[] } {
  const b = createBackend({ version: 'test', mode: 'browser' }, { totalMemoryBytes });
  backends.push(b);
  const notices: string[] = [];
  const sub = b.router.subscribe((batch: EventBatch) => {
    for (const e of batch.events) if (e.type === 'notice') notices.push(englishOf(e.message));
    sub.ack(batch.seq);
  });
  return { b, notices };
}

describe('the capture log budget', () => {
  it('is at most half the machine memory, in whole MiB', () => {
    expect(logBudgetLimit(8 * GiB)).toBe(4 * GiB);
    expect(logBudgetLimit(3 * GiB + 12345)).toBe(1.5 * GiB);
    expect(clampLogBudget(2 * GiB, 8 * GiB)).toEqual({ bytes: 2 * GiB, clamped: null });
    expect(inEnglish(clampLogBudget(16 * GiB, 8 * GiB))).toEqual({
      bytes: 4 * GiB,
      clamped:
        "A capture log budget of 16 GiB is more than half of this machine's memory (8 GiB); the log keeps up to 4 GiB instead",
    });
  });

  it('asked past what the machine has, is clamped; the result and a notice say to what', async () => {
    const { b, notices } = backend(8 * GiB);
    const set = inEnglish(await b.router.handle('setLogBudget', { bytes: MAX_LOG_BUDGET_BYTES }));
    expect(set).toMatchObject({
      ok: true,
      value: {
        budgetBytes: 4 * GiB,
        budgetLimitBytes: 4 * GiB,
        clamped: expect.stringContaining('the log keeps up to 4 GiB instead'),
      },
    });
    expect(b.engine.log.budget).toBe(4 * GiB);
    // Nothing was mapped for it.
    expect(b.engine.log.slabCount).toBeLessThanOrEqual(1);
    const info = await b.router.handle('appInfo', {});
    expect(info).toMatchObject({ ok: true, value: { logBudgetBytes: 4 * GiB } });
    await expect.poll(() => notices).toContainEqual(expect.stringContaining('16 GiB'));

    const fits = await b.router.handle('setLogBudget', { bytes: 64 * 1024 * 1024 });
    expect(fits.ok).toBe(true);
    expect(fits.ok ? Object.keys(fits.value as object) : []).not.toContain('clamped');
    expect(b.engine.log.budget).toBe(64 * 1024 * 1024);
  });

  it('keeps the contract maximum of 16 GiB as it is', async () => {
    const { b } = backend(64 * GiB);
    expect(await b.router.handle('setLogBudget', { bytes: 16 * GiB })).toMatchObject({
      ok: true,
      value: { budgetBytes: 16 * GiB },
    });
    expect(inEnglish(await b.router.handle('setLogBudget', { bytes: 17 * GiB }))).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        message: expect.stringContaining(`bytes: Too big: expected number to be <=${16 * GiB}`),
      },
    });
  });

  it('on this machine, 16 GiB asked is never more than half of os.totalmem()', async () => {
    const { b } = backend();
    const set = await b.router.handle('setLogBudget', { bytes: 16 * GiB });
    expect(set.ok).toBe(true);
    expect(b.engine.log.budget).toBeLessThanOrEqual(os.totalmem() / 2);
  });
});
