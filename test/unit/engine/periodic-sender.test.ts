import { msg } from '../../../src/shared/messages/catalogue';
import { describe, expect, it } from 'vitest';
import type { SendTarget } from '../../../src/main/engine/automation/automation-target';
import {
  PeriodicSender,
  type ComposedPayload,
  type PeriodicOptions,
} from '../../../src/main/engine/automation/periodic-sender';
import { problem } from '../../../src/shared/automation/automation-errors';

/**
 * The schedule of a periodic sender, against a target that records what it
 * is given (sockets are in test/integration/automation-periodic.test.ts).
 * Nothing here asserts a duration: only where each send falls on the grid.
 */

function recordingTarget(send: (bytes: Uint8Array) => Promise<unknown> = () => Promise.resolve()) {
  const closed = new AbortController();
  const got: Uint8Array[] = [];
  const target: SendTarget = {
    send: (bytes) => {
      got.push(bytes);
      return send(bytes);
    },
    closed: closed.signal,
  };
  return { target, got, close: (why: string) => closed.abort(why) };
}

const payload = (index: number): ComposedPayload => ({ ok: true, bytes: Uint8Array.of(index) });

/** Holds the event loop for `ms`: a stalled main process, which the schedule must survive. */
function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

type Timing = { index: number; intendedMs: number; actualMs: number };
const onGrid = (slot: number): boolean => Math.abs(slot - Math.round(slot)) < 1e-6;

function sender(options: Partial<PeriodicOptions> & Pick<PeriodicOptions, 'target'>) {
  const timings: Timing[] = [];
  const s = new PeriodicSender({
    intervalMs: 10,
    count: 5,
    compose: payload,
    onSend: (t) => timings.push(t),
    ...options,
  });
  return { s, timings };
}

/** Which grid slot each send was intended for (start = the first send's slot). */
function slots(timings: Array<{ intendedMs: number }>, intervalMs: number): number[] {
  const start = timings[0]?.intendedMs ?? 0;
  return timings.map((t) => (t.intendedMs - start) / intervalMs);
}

describe('periodic sender', () => {
  it('puts the k-th send at start + k·interval, whatever the lateness before it', async () => {
    const t = recordingTarget();
    const { s, timings } = sender({
      target: t.target,
      count: 6,
      intervalMs: 20,
      compose: (i) => {
        if (i === 2) block(12); // this send goes out late, by less than an interval
        return payload(i);
      },
    });
    const stop = await s.start();
    expect(stop).toMatchObject({ reason: 'completed', sent: 6 });
    expect(t.got.map((b) => b[0])).toEqual([0, 1, 2, 3, 4, 5]);
    // Every send was meant for a whole slot of the grid: lateness never shifts the grid.
    const at = slots(timings, 20);
    expect(at.every(onGrid)).toBe(true);
    expect(Math.round(at.at(-1) as number)).toBe(5 + stop.skipped);
    expect(
      (timings[2] as Timing).actualMs - (timings[2] as Timing).intendedMs,
    ).toBeGreaterThanOrEqual(12);
  });

  it('skips the slots a stall made it miss instead of sending a burst, and still sends `count`', async () => {
    const t = recordingTarget();
    const { s, timings } = sender({
      target: t.target,
      count: 5,
      intervalMs: 20,
      // The event loop is held for four and a half intervals after the second send.
      onProgress: (p) => p.sent === 2 && p.nextDueAt !== null && block(90),
    });
    const stop = await s.start();
    expect(stop.sent).toBe(5);
    // Held from just after slot 1 to past slot 5: slots 2, 3 and 4 are gone, 5 is still current.
    expect(stop.skipped).toBeGreaterThanOrEqual(3);
    const at = slots(timings, 20);
    expect(at.every(onGrid)).toBe(true);
    // On the grid (checked above), so whole slots: a float sum is 3.9999999999999973 at times.
    const whole = at.map(Math.round);
    expect((whole[2] as number) - (whole[1] as number)).toBeGreaterThanOrEqual(4);
    // No burst: every send went out within its own slot, the ones after the stall too.
    for (const x of timings) expect(x.actualMs - x.intendedMs).toBeLessThan(20);
  });

  it('never has two sends in flight: a slow peer shows as skipped slots', async () => {
    // The peer takes 30 ms (six intervals) to accept the first send.
    const inFlightWhenReleased: number[] = [];
    const t = recordingTarget(
      () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            inFlightWhenReleased.push(t.got.length);
            resolve();
          }, 30),
        ),
    );
    const { s, timings } = sender({ target: t.target, count: 2, intervalMs: 5 });
    const stop = await s.start();
    expect(inFlightWhenReleased[0]).toBe(1);
    expect(stop.sent).toBe(2);
    expect(stop.skipped).toBeGreaterThanOrEqual(4);
    expect(Math.round(slots(timings, 5)[1] as number)).toBeGreaterThanOrEqual(5);
  });

  it('stops with a reason: the target gone, a send refused, a payload that no longer composes', async () => {
    const gone = recordingTarget();
    gone.close('the peer left');
    expect(await sender({ target: gone.target }).s.start()).toEqual({
      reason: 'failed',
      sent: 0,
      skipped: 0,
      problem: problem('target-closed-because', { detail: 'the peer left' }),
    });
    const refused = recordingTarget(() => Promise.reject(new Error('EPIPE')));
    expect(await sender({ target: refused.target }).s.start()).toMatchObject({
      reason: 'failed',
      sent: 0,
      problem: {
        code: 'automation.send-failed',
        params: { reason: { params: { detail: 'EPIPE' } } },
      },
    });
    const missing = problem('compose-failed', {
      reason: msg('payload.file-not-loaded', { placeholder: '{{file:f1}}', id: 'f1' }),
    });
    const { s } = sender({
      target: recordingTarget().target,
      compose: (i) => (i < 2 ? payload(i) : { ok: false, problem: missing }),
    });
    expect(await s.start()).toMatchObject({ reason: 'failed', sent: 2, problem: missing });
  });

  it('reports the next due time in µs since the epoch, then null', async () => {
    const t = recordingTarget();
    const dues: Array<number | null> = [];
    const { s } = sender({
      target: t.target,
      count: 2,
      intervalMs: 50,
      onProgress: (p) => dues.push(p.nextDueAt),
    });
    const before = Date.now() * 1000;
    await s.start();
    const [first, second] = dues.filter((d): d is number => d !== null);
    expect(first).toBeGreaterThanOrEqual(before - 5_000);
    // On the grid: a whole number of 50 ms slots apart (µs are floored, hence ±1).
    const apart = (second as number) - (first as number);
    expect(Math.abs(apart - Math.round(apart / 50_000) * 50_000)).toBeLessThanOrEqual(1);
    expect(apart).toBeGreaterThan(0);
    expect(dues.at(-1)).toBeNull();
  });

  it('refuses an interval outside 1 ms to 24 h and a count below 1', () => {
    const { target } = recordingTarget();
    const make = (intervalMs: number, count: number | null) => () =>
      new PeriodicSender({ intervalMs, count, compose: payload, target });
    expect(make(0.5, 1)).toThrow(RangeError);
    expect(make(24 * 3600 * 1000 + 1, 1)).toThrow(RangeError);
    expect(make(10, 0)).toThrow(RangeError);
    expect(make(10, 1.5)).toThrow(RangeError);
    expect(make(1, null)).not.toThrow();
  });

  it('a sender that runs late still gives the event loop a turn between sends', async () => {
    // Each send takes longer than the interval and completes in promise callbacks alone,
    // as a write to a thousand peers that the kernel takes at once does.
    const { target } = recordingTarget(() => {
      block(2);
      return Promise.resolve();
    });
    const s = new PeriodicSender({ target, intervalMs: 1, count: 50, compose: payload });
    let sentWhenTimerRan = -1;
    setTimeout(() => (sentWhenTimerRan = s.progress.sent), 0);
    const stop = await s.start();
    expect(stop).toMatchObject({ reason: 'completed', sent: 50 });
    // The timer ran while sends were still going, not after the last one.
    expect(sentWhenTimerRan).toBeGreaterThanOrEqual(0);
    expect(sentWhenTimerRan).toBeLessThan(50);
  });
});
