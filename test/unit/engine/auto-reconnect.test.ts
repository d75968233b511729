import { describe, expect, it } from 'vitest';
import {
  AutoReconnect,
  backoffDelay,
  FIRST_DELAY_MS,
  LONGEST_DELAY_MS,
  type ReconnectTimers,
  type ReconnectWait,
} from '../../../src/main/engine/tcp/auto-reconnect';

/** A clock that moves only when told, with the timers due on it. */
function manualClock(random = () => 0): ReconnectTimers & { advance(ms: number): void } {
  let now = 0;
  let timers: Array<{ due: number; run: () => void; live: boolean }> = [];
  return {
    now: () => now,
    random,
    after(ms, run) {
      const timer = { due: now + ms, run, live: true };
      timers.push(timer);
      return { cancel: () => void (timer.live = false) };
    },
    advance(ms) {
      now += ms;
      const due = timers.filter((t) => t.live && t.due <= now);
      timers = timers.filter((t) => t.live && t.due > now);
      for (const t of due) t.run();
    },
  };
}

/** Lets the loop's awaited dial settle. */
const settle = () => new Promise((r) => setImmediate(r));

function loop(dial: () => Promise<void>, random?: () => number) {
  const clock = manualClock(random);
  const waits: ReconnectWait[] = [];
  let dials = 0;
  const retry = new AutoReconnect(
    {
      dial: () => {
        dials++;
        return dial();
      },
      waiting: (w) => waits.push(w),
    },
    clock,
  );
  return { retry, clock, waits, dials: () => dials };
}

const refused = () => Promise.reject(new Error('refused'));

describe('reconnect back-off', () => {
  it('waits 0.5 s, doubling each failed attempt, and never more than 30 s', async () => {
    const { retry, clock, waits, dials } = loop(refused);
    retry.start();
    for (let i = 0; i < 10; i++) {
      const wait = waits.at(-1)!;
      clock.advance(wait.delayMs - 1);
      expect(dials()).toBe(i); // not a millisecond early
      clock.advance(1);
      await settle();
      expect(dials()).toBe(i + 1);
    }
    expect(waits.map((w) => w.delayMs)).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000, 30000,
    ]);
    expect(waits.map((w) => w.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(waits[3]!.dueMs).toBe(500 + 1000 + 2000 + 4000);
    retry.stop();
  });

  it('starts again from 0.5 s after a connection succeeded', async () => {
    let up = false;
    const { retry, clock, waits } = loop(() => (up ? Promise.resolve() : refused()));
    retry.start();
    for (const ms of [500, 1000, 2000]) {
      clock.advance(ms);
      await settle();
    }
    expect(waits.at(-1)!.delayMs).toBe(4000);
    up = true;
    clock.advance(4000);
    await settle();
    expect(retry.active).toBe(false);
    expect(retry.wait).toBeNull();
    up = false;
    retry.start(); // the peer went away again
    expect(waits.at(-1)).toMatchObject({ attempt: 1, delayMs: 500 });
  });

  it('stop() during a wait dials nothing; a dial in flight that fails after stop() schedules nothing', async () => {
    const { retry, clock, waits, dials } = loop(refused);
    retry.start();
    retry.stop();
    clock.advance(LONGEST_DELAY_MS * 10);
    await settle();
    expect(dials()).toBe(0);

    let fail: (err: Error) => void = () => undefined;
    const slow = loop(() => new Promise<void>((_, reject) => (fail = reject)));
    slow.retry.start();
    slow.clock.advance(500);
    expect(slow.dials()).toBe(1);
    slow.retry.stop();
    fail(new Error('refused'));
    await settle();
    expect(slow.waits).toHaveLength(1);
    expect(slow.retry.wait).toBeNull();
    expect(waits).toHaveLength(1);
  });

  it('jitter only shortens a wait, by a fifth at most, and never below 0.5 s', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const longest = backoffDelay(attempt, 0);
      const shortest = backoffDelay(attempt, 0.999999);
      expect(shortest).toBeLessThanOrEqual(longest);
      expect(shortest).toBeGreaterThanOrEqual(Math.max(FIRST_DELAY_MS, longest * 0.8 - 1));
      expect(longest).toBeLessThanOrEqual(LONGEST_DELAY_MS);
    }
    expect(backoffDelay(1, 0.99)).toBe(FIRST_DELAY_MS);
    expect(backoffDelay(4, 0.5)).toBe(3600);
    expect(backoffDelay(1000, 0)).toBe(LONGEST_DELAY_MS);
  });
});
