import { describe, expect, it, vi } from 'vitest';
import { msg } from '../../../src/shared/messages/catalogue';
import { OPTIONS, harness, useFakeClock } from '../../helpers/batcher-harness';

/**
 * Whole-status events (a periodic send, auto-reply, a sequence) in the
 * flow control between the engine and one window: a newer one replaces the
 * one still waiting, so a window that is behind gets the latest, never a
 * backlog, and never loses it to the cap on pending events.
 */
useFakeClock();

describe('EventBatcher and whole statuses', () => {
  it('a whole-status event replaces the one still waiting, in its place, and is never dropped', () => {
    const { batcher, batches } = harness();
    const periodic = (endpointId: string, sent: number) => ({
      type: 'periodic' as const,
      endpointId,
      status: {
        state: 'running' as const,
        peerId: null,
        intervalMs: 1,
        count: null,
        sent,
        skipped: 0,
        nextDueAt: null,
        reason: null,
      },
    });
    // A window that never acks: the notices past the cap are dropped, the statuses are not.
    for (let i = 0; i < 4 * OPTIONS.maxInflight; i++) {
      batcher.event({
        type: 'notice',
        level: 'info',
        endpointId: null,
        message: msg('app.failed', { detail: `n${i}` }),
      });
      vi.advanceTimersByTime(40);
    }
    for (let i = 0; i < 10_000; i++) {
      batcher.event(periodic('e1', i));
      batcher.event(periodic('e2', i));
      if (i < OPTIONS.maxPendingEvents * 2)
        batcher.event({
          type: 'notice',
          level: 'info',
          endpointId: null,
          message: msg('app.failed', { detail: `m${i}` }),
        });
    }
    for (let round = 0; round < 100; round++) {
      const last = batches[batches.length - 1];
      if (last) batcher.ack(last.seq);
      vi.advanceTimersByTime(40);
    }
    const statuses = batches.flatMap((b) => b.events.filter((e) => e.type === 'periodic'));
    expect(statuses.map((e) => [e.endpointId, e.status.sent])).toEqual([
      ['e1', 9999],
      ['e2', 9999],
    ]);
    batcher.dispose();
  });
});
