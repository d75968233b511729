import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_DISTURBANCE, type Disturbance } from '../../../src/shared/contract';
import { DueHeap, type HeapEntry } from '../../../src/main/engine/relay/due-heap';
import { DelayQueue } from '../../../src/main/engine/relay/udp-delay-queue';
import { xorshift32 } from '../../helpers/random-bytes';

/**
 * The queue of one UDP relay direction: one timer for whatever is due
 * first, bounded, and each owner's datagrams removable when it ends.
 */
interface Sent {
  owner: string;
  text: string;
  at: number;
}

let sent: Sent[];
let queue: DelayQueue<string>;
const timing = (change: Partial<Disturbance>) => ({ ...NO_DISTURBANCE, ...change });

beforeEach(() => {
  vi.useFakeTimers();
  sent = [];
  queue = new DelayQueue<string>(
    (owner, data, start, end) =>
      sent.push({ owner, text: data.subarray(start, end).toString(), at: Date.now() }),
    () => Date.now(),
    { bytes: 100, datagrams: 4 },
  );
});
afterEach(() => {
  queue.clear();
  vi.useRealTimers();
});

describe('DelayQueue', () => {
  it('sends at once what nothing holds, and the rest by due time, with one timer', () => {
    const t0 = Date.now();
    queue.send('a', Buffer.from('late'), timing({ latencyMs: 100 }));
    queue.send('b', Buffer.from('early'), timing({ latencyMs: 50 }));
    queue.send('c', Buffer.from('now'), timing({}));
    expect(sent.map((s) => s.text)).toEqual(['now']);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(50);
    expect(sent.map((s) => [s.text, s.at - t0])).toEqual([
      ['now', 0],
      ['early', 50],
    ]);
    vi.advanceTimersByTime(50);
    expect(sent.map((s) => s.text)).toEqual(['now', 'early', 'late']);
    expect(vi.getTimerCount()).toBe(0);
    expect(queue.queuedBytes).toBe(0);
  });

  it('refuses what does not fit, in bytes or in datagrams', () => {
    const wait = timing({ latencyMs: 10 });
    expect(queue.send('a', Buffer.alloc(60), wait)).toBe(true);
    expect(queue.send('a', Buffer.alloc(41), wait)).toBe(false);
    expect(queue.send('a', Buffer.alloc(40), wait)).toBe(true);
    expect(queue.queuedBytes).toBe(100);
    const small = new DelayQueue<string>(
      () => undefined,
      () => Date.now(),
      {
        bytes: 1000,
        datagrams: 2,
      },
    );
    expect(small.send('a', Buffer.alloc(1), wait)).toBe(true);
    expect(small.send('a', Buffer.alloc(1), wait)).toBe(true);
    expect(small.send('a', Buffer.alloc(1), wait)).toBe(false);
    small.clear();
  });

  it("takes out one owner's datagrams (they never leave) and keeps the others", () => {
    const wait = timing({ latencyMs: 10 });
    queue.send('a', Buffer.from('a1'), wait);
    queue.send('b', Buffer.from('b1'), wait);
    queue.send('a', Buffer.from('a2'), wait);
    expect(queue.drop('a')).toBe(2);
    expect(queue.drop('a')).toBe(0);
    expect(queue.queuedBytes).toBe(2);
    vi.advanceTimersByTime(10);
    expect(sent.map((s) => s.text)).toEqual(['b1']);
  });

  it('stops its timer on clear: nothing fires afterwards', () => {
    queue.send('a', Buffer.from('x'), timing({ latencyMs: 10 }));
    queue.clear();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(0);
  });

  it('spaces the pieces of a split by the gap, the first at once', () => {
    const t0 = Date.now();
    queue.send('a', Buffer.from('aabbcc'), timing({ split: 'pieces', pieces: 3, pieceGapMs: 10 }));
    vi.advanceTimersByTime(25);
    expect(sent.map((s) => [s.text, s.at - t0])).toEqual([
      ['aa', 0],
      ['bb', 10],
      ['cc', 20],
    ]);
  });

  it('cuts single bytes from a cursor, at most 1024 per turn, every byte in order', () => {
    const big = new DelayQueue<string>(
      (_owner, data, start, end) => sent.push({ owner: 'x', text: String(data[start]), at: end }),
      () => Date.now(),
    );
    const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
    big.send('a', data, timing({ split: 'bytes', pieceGapMs: 0 }));
    expect(sent).toHaveLength(1024);
    for (let turn = 0; turn < 10 && sent.length < 5000; turn++) vi.advanceTimersByTime(1);
    expect(sent.map((s) => Number(s.text))).toEqual([...data]);
    expect(big.queuedBytes).toBe(0);
    big.clear();
  });

  it('survives a delivery that ends its own owner', () => {
    const self: DelayQueue<string> = new DelayQueue<string>(
      (owner) => {
        sent.push({ owner, text: '', at: 0 });
        self.drop(owner);
      },
      () => Date.now(),
    );
    self.send('a', Buffer.from('abc'), timing({ split: 'bytes', pieceGapMs: 0, latencyMs: 5 }));
    self.send('b', Buffer.from('z'), timing({ latencyMs: 5 }));
    vi.advanceTimersByTime(5);
    expect(sent.map((s) => s.owner)).toEqual(['a', 'b']);
    expect(self.queuedBytes).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('DueHeap', () => {
  it('pops in (due, arrival) order after random pushes and removals', () => {
    const random = xorshift32(12345);
    const heap = new DueHeap<HeapEntry>();
    const live = new Set<HeapEntry>();
    for (let i = 0; i < 2000; i++) {
      const e = { due: Math.floor(random() * 50), seq: i, at: -1 };
      heap.push(e);
      live.add(e);
      if (random() < 0.3) {
        const victim = [...live][Math.floor(random() * live.size)] as HeapEntry;
        heap.remove(victim);
        live.delete(victim);
      }
    }
    const expected = [...live].sort((a, b) => a.due - b.due || a.seq - b.seq);
    const popped: HeapEntry[] = [];
    for (let e = heap.peek(); e; e = heap.peek()) {
      popped.push(e);
      heap.remove(e);
    }
    expect(popped).toEqual(expected);
  });
});
