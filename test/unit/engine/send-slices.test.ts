import { describe, expect, it } from 'vitest';
import { MAX_SLICE_ITEMS, SLICE_MS, startInSlices } from '../../../src/main/engine/send-slices';

/**
 * A send to thousands of peers starts its writes a slice per turn of the
 * event loop. A write's cost is mostly paid after it is started (in the
 * promise's continuation, in the same turn), so a slice must be sized by
 * what its turn took, not by a count: otherwise a loaded machine holds
 * the loop for a whole fixed-size slice of slow writes. The clock here is
 * a counter the items advance, so nothing depends on the machine's speed.
 */
async function turnsOf(items: number, costMs: (i: number) => number, syncCostMs = 0) {
  let clock = 0;
  let turn = 0;
  let running = true;
  const tick = (): void => {
    turn++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const perTurn = new Map<number, number>();
  const workPerTurn = new Map<number, number>();
  const ids = Array.from({ length: items }, (_, i) => i);
  const { outcomes } = await startInSlices(
    ids,
    async (i) => {
      clock += syncCostMs;
      const at = turn;
      await null; // the write itself happens after start() returns
      clock += costMs(i);
      perTurn.set(at, (perTurn.get(at) ?? 0) + 1);
      workPerTurn.set(at, (workPerTurn.get(at) ?? 0) + costMs(i) + syncCostMs);
      return i;
    },
    undefined,
    () => clock,
  );
  running = false;
  return { outcomes, perTurn: [...perTurn.values()], workPerTurn: [...workPerTurn.values()] };
}

describe('startInSlices', () => {
  it('starts every item once, in order', async () => {
    const { outcomes } = await turnsOf(3000, () => 0);
    expect(outcomes).toEqual(Array.from({ length: 3000 }, (_, i) => i));
  });

  it('sizes slices by the time their turn took, even when the work follows start()', async () => {
    // Each write costs 2 ms of the loop after it starts: after the first turn, a turn holds ~SLICE_MS.
    const { perTurn, workPerTurn } = await turnsOf(2000, () => 2);
    expect(perTurn.reduce((a, b) => a + b, 0)).toBe(2000);
    const later = workPerTurn.slice(1);
    expect(Math.max(...later)).toBeLessThanOrEqual(SLICE_MS * 2);
  });

  it('adapts when the cost changes partway, and grows back when writes are cheap', async () => {
    const { perTurn, workPerTurn } = await turnsOf(6000, (i) =>
      i >= 2000 && i < 3000 ? 4 : 0.001,
    );
    // At most two turns over budget while it learns the new cost.
    expect(workPerTurn.filter((ms) => ms > SLICE_MS * 2).length).toBeLessThanOrEqual(2);
    expect(Math.max(...perTurn)).toBe(MAX_SLICE_ITEMS);
  });

  it('stops a slice early when starting alone fills the turn', async () => {
    const { workPerTurn } = await turnsOf(200, () => 0, 3);
    expect(Math.max(...workPerTurn)).toBeLessThanOrEqual(SLICE_MS + 3);
  });
});
