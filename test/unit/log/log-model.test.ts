import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../../src/shared/contract/chunk';
import { framingSpec } from '../../../src/shared/framing/framing-spec';
import { StreamSource } from '../../../src/renderer/store/log-model/byte-source';
import { defaultLogUi } from '../../../src/renderer/store/slices/log-ui';
import {
  compileFilter,
  parseHexPattern,
  type LogFilter,
} from '../../../src/renderer/store/log-model/message-filter';
import { MessageIndex, rowRange } from '../../../src/renderer/store/log-model/message-index';
import { MESSAGE_LIMIT, MessageLog } from '../../../src/renderer/store/log-model/message-log';
import {
  HIGH_WATERMARK,
  LOW_WATERMARK,
  MAX_BEHIND,
  TerminalFeeder,
  WRITE_SLICE,
} from '../../../src/renderer/log/terminal-feeder';
import { inEnglish } from '../../helpers/english';

const enc = new TextEncoder();
let seq = 0;
const chunk = (dir: 'rx' | 'tx', data: string | Uint8Array, peerId = 'p1'): Chunk => ({
  seq: seq++,
  endpointId: 'e1',
  peerId,
  dir,
  time: seq * 1000,
  data: typeof data === 'string' ? enc.encode(data) : data,
});
const filter = (patch: Partial<LogFilter>) => compileFilter({ ...defaultLogUi().filter, ...patch });
const RAW = framingSpec.parse({ mode: 'raw' });

describe('message log (the Messages view model)', () => {
  it('takes in only new rows, keeps raw chunks as they are, and reframes on demand', () => {
    const rows: Chunk[] = [chunk('rx', 'a;b'), chunk('tx', 'hi')];
    const log = new MessageLog(RAW);
    expect(log.sync(rows)).toBe(true);
    expect(log.sync(rows)).toBe(false);
    expect(log.end).toBe(2);
    expect(log.at(0)).toBe(rows[0]);
    rows.push(chunk('rx', ';c;'));
    log.sync(rows);
    expect(log.end).toBe(3);

    log.reframe(framingSpec.parse({ mode: 'delimiter', delimiter: ';' }), rows);
    const texts = [];
    for (let o = log.start; o < log.end; o++) texts.push(new TextDecoder().decode(log.at(o)!.data));
    // A frame is listed when it completes: 'a;' came before 'hi' was sent.
    expect(texts).toEqual(['a;', 'hi', 'b;', 'c;']);
    expect(log.start).toBe(3); // ordinals go on increasing
  });

  it('clear forgets what was shown, and a new framing does not bring it back', () => {
    const rows = [chunk('rx', 'old')];
    const log = new MessageLog(RAW);
    log.sync(rows);
    log.clear();
    expect(log.end - log.start).toBe(0);
    rows.push(chunk('rx', 'new'));
    log.sync(rows);
    log.reframe(RAW, rows);
    expect(log.end - log.start).toBe(1);
    expect(new TextDecoder().decode(log.at(log.start)!.data)).toBe('new');
  });

  it('lets go of the oldest messages past its limit, in blocks', () => {
    const limit = 1000;
    const log = new MessageLog(RAW, limit);
    const rows: Chunk[] = [];
    for (let i = 0; i < limit * 1.2; i++) rows.push(chunk('rx', 'x'));
    log.sync(rows);
    expect(log.end).toBe(rows.length);
    expect(log.end - log.start).toBe(limit);
    expect(log.at(log.start)).toBe(rows[rows.length - limit]);
    // Within the limit plus a tenth, nothing is let go (no copy per message).
    rows.push(chunk('rx', 'y'));
    log.sync(rows);
    expect(log.end - log.start).toBe(limit + 1);
    expect(MESSAGE_LIMIT).toBe(1_000_000);
  });
});

describe('filter and index', () => {
  const rows = [
    chunk('rx', 'AT\r\n', 'p1'),
    chunk('tx', 'OK\r\n', 'p1'),
    chunk('rx', Uint8Array.of(0x7e, 0x01, 0x7e), 'p2'),
    chunk('rx', 'ERROR 42', 'p2'),
  ];
  const log = new MessageLog(RAW);
  log.sync(rows);

  it('finds text, hex and regex matches as byte spans', () => {
    expect(filter({ pattern: 'R' }).find!(enc.encode('ERROR'))).toEqual([
      [1, 2],
      [2, 3],
      [4, 5],
    ]);
    expect(filter({ kind: 'hex', pattern: '7e 01' }).find!(rows[2]!.data)).toEqual([[0, 2]]);
    expect(filter({ kind: 'regex', pattern: '\\d+' }).find!(rows[3]!.data)).toEqual([[6, 8]]);
    expect(inEnglish(filter({ kind: 'regex', pattern: '[' }).error)).toMatch(/regular expression/i);
    expect(inEnglish(parseHexPattern('0x7E,0x7'))).toBe('Hex has an odd number of digits (3)');
  });

  it('lists matches, and hides rows only when asked to', () => {
    const index = new MessageIndex();
    const f = filter({ pattern: 'OK' });
    index.update(log, f);
    expect(index.matches).toEqual([1]);
    expect(rowRange(index, log.start, log.end).count).toBe(4);
    const only = filter({ pattern: 'OK', onlyMatches: true });
    index.update(log, only);
    const range = rowRange(index, log.start, log.end);
    expect(range.count).toBe(1);
    expect(range.ordinalAt(0)).toBe(1);
    expect(range.rowOf(0)).toBe(-1);
  });

  it('filters by direction and peer, incrementally as rows come', () => {
    const index = new MessageIndex();
    const f = filter({ dir: 'rx', peerId: 'p2' });
    index.update(log, f);
    expect(index.visible).toEqual([2, 3]);
    rows.push(chunk('rx', 'more', 'p2'), chunk('rx', 'other', 'p1'));
    log.sync(rows);
    index.update(log, f);
    expect(index.visible).toEqual([2, 3, 4]);
    // A pause point limits the rows shown without touching the index.
    expect(rowRange(index, log.start, 4).count).toBe(2);
  });
});

describe('stream source (Hex and Text of a whole direction)', () => {
  it('reads across chunk boundaries and lets go of old bytes past its limit', () => {
    const s = new StreamSource('rx', 10);
    const rows = [chunk('rx', 'abcd'), chunk('tx', 'XXXX'), chunk('rx', 'efgh')];
    s.sync(rows);
    expect(new TextDecoder().decode(s.slice(2, 6))).toBe('cdef');
    rows.push(chunk('rx', 'ijkl'));
    s.sync(rows);
    expect(s.offset).toBe(4);
    expect(s.length).toBe(8);
    expect(new TextDecoder().decode(s.slice(0, s.length))).toBe('efghijkl');
  });
});

describe('terminal feeder (xterm flow control)', () => {
  /** A fake xterm: parses a write only when the test says so. */
  function fakeTerminal() {
    const queue: Array<{ n: number; done?: () => void }> = [];
    const text: string[] = [];
    return {
      queue,
      text,
      write(data: Uint8Array | string, done?: () => void) {
        if (typeof data === 'string') text.push(data);
        queue.push({ n: typeof data === 'string' ? data.length : data.length, done });
      },
      parse(count = queue.length) {
        for (const w of queue.splice(0, count)) w.done?.();
      },
    };
  }

  it('stops above the high watermark and resumes below the low one', () => {
    const term = fakeTerminal();
    const rows: Chunk[] = [];
    for (let i = 0; i < 40; i++) rows.push(chunk('rx', new Uint8Array(WRITE_SLICE)));
    const feeder = new TerminalFeeder(term, () => rows, new Set(['rx']));
    feeder.pump();
    const first = term.queue.length;
    expect(feeder.pendingBytes).toBeGreaterThan(HIGH_WATERMARK);
    expect(feeder.pendingBytes).toBeLessThanOrEqual(HIGH_WATERMARK + WRITE_SLICE);
    feeder.pump(); // new rows or not: nothing more while above the watermark
    expect(term.queue.length).toBe(first);
    // xterm parses one write at a time: feeding resumes by itself under the low
    // watermark, never queues past the high one, and in the end writes everything.
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
    const feeder = new TerminalFeeder(term, () => [big], new Set(['rx']));
    feeder.pump();
    expect(term.queue.every((w) => w.n <= WRITE_SLICE)).toBe(true);
    let total = 0;
    for (let guard = 0; guard < 100 && term.queue.length > 0; guard++) {
      total += term.queue[0]!.n;
      term.parse(1);
    }
    expect(total).toBe(big.data.length);
  });

  it('skips ahead, saying so, when it falls far behind; sent bytes only when asked', () => {
    const term = fakeTerminal();
    const rows: Chunk[] = [chunk('tx', 'typed')];
    const size = 256 * 1024;
    for (let i = 0; i < (MAX_BEHIND / size) * 3; i++) rows.push(chunk('rx', new Uint8Array(size)));
    const feeder = new TerminalFeeder(term, () => rows, new Set(['rx']));
    feeder.pump();
    expect(feeder.skipped).toBe(size * (MAX_BEHIND / size) * 2);
    expect(term.text.join('')).toContain(`${feeder.skipped} bytes skipped`);
  });
});
