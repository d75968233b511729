import { describe, expect, it } from 'vitest';
import {
  HIGH_WATERMARK,
  LOW_WATERMARK,
  MAX_BEHIND,
  TerminalFeeder,
  WRITE_SLICE,
  type FedChunk,
} from '../../../src/renderer/log/terminal-feeder';

/**
 * The Terminal's feed: flow control against xterm's parser, and a bounded
 * wait, so a flood neither freezes the window nor grows it.
 */
let seq = 0;
const chunk = (dir: 'rx' | 'tx', data: string | Uint8Array): FedChunk => ({
  seq: seq++,
  dir,
  data: typeof data === 'string' ? new TextEncoder().encode(data) : data,
});

function fakeTerminal() {
  const queue: Array<{ n: number; done?: () => void }> = [];
  const text: string[] = [];
  return {
    queue,
    text,
    write(data: Uint8Array | string, done?: () => void) {
      if (typeof data === 'string') text.push(data);
      queue.push({ n: data.length, done });
    },
    parse(count = queue.length) {
      for (const w of queue.splice(0, count)) w.done?.();
    },
  };
}

describe('TerminalFeeder', () => {
  it('stops above the high watermark and resumes below the low one', () => {
    const term = fakeTerminal();
    const feeder = new TerminalFeeder(term, new Set(['rx']));
    const rows = Array.from({ length: 40 }, () => chunk('rx', new Uint8Array(WRITE_SLICE)));
    feeder.push(rows);
    const first = term.queue.length;
    expect(feeder.pendingBytes).toBeGreaterThan(HIGH_WATERMARK);
    expect(feeder.pendingBytes).toBeLessThanOrEqual(HIGH_WATERMARK + WRITE_SLICE);
    feeder.push([]); // news or not: nothing more while above the watermark
    expect(term.queue.length).toBe(first);
    let parsed = 0;
    let maxPending = 0;
    for (let guard = 0; guard < 1000 && term.queue.length > 0; guard++) {
      term.parse(1);
      parsed++;
      maxPending = Math.max(maxPending, feeder.pendingBytes);
    }
    expect(parsed).toBe(40);
    expect(maxPending).toBeLessThanOrEqual(HIGH_WATERMARK + WRITE_SLICE);
    expect(LOW_WATERMARK).toBeLessThan(HIGH_WATERMARK);
    expect(feeder.pendingBytes).toBe(0);
    expect(feeder.skipped).toBe(0);
  });

  it('writes a big chunk in slices, each parsed before the next beyond the watermark', () => {
    const term = fakeTerminal();
    const big = chunk(
      'rx',
      Uint8Array.from({ length: 10 * WRITE_SLICE + 5 }, (_, i) => i & 0xff),
    );
    const feeder = new TerminalFeeder(term, new Set(['rx']));
    feeder.push([big]);
    expect(term.queue.every((w) => w.n <= WRITE_SLICE)).toBe(true);
    let total = 0;
    for (let guard = 0; guard < 100 && term.queue.length > 0; guard++) {
      total += term.queue[0]!.n;
      term.parse(1);
    }
    expect(total).toBe(big.data.length);
  });

  it('keeps at most MAX_BEHIND waiting, skipping the oldest and saying so; sent bytes only when asked', () => {
    const term = fakeTerminal();
    const feeder = new TerminalFeeder(term, new Set(['rx']));
    const size = 256 * 1024;
    // xterm parses nothing meanwhile: a flood piles up only to the bound.
    for (let i = 0; i < (MAX_BEHIND / size) * 8; i++) {
      feeder.push([chunk('tx', 'typed'), chunk('rx', new Uint8Array(size))]);
      expect(feeder.waitingCount).toBeLessThanOrEqual(MAX_BEHIND);
    }
    term.parse();
    expect(feeder.skipped).toBeGreaterThan(size * (MAX_BEHIND / size) * 6);
    expect(term.text.join('')).toMatch(/\d+ bytes skipped/);
  });

  it('takes each chunk once: history and live news overlap by seq', () => {
    const term = fakeTerminal();
    const feeder = new TerminalFeeder(term, new Set(['rx']));
    const a = chunk('rx', 'a');
    const b = chunk('rx', 'b');
    feeder.push([a, b]);
    feeder.push([b, chunk('rx', 'c')]);
    expect(term.queue.map((w) => w.n)).toEqual([1, 1, 1]);
  });
});
