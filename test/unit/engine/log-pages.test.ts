import { describe, expect, it } from 'vitest';
import { type LogPages, SCANS_MAX } from '../../../src/main/engine/capture/log-pages';
import { POOLED_MAX_BYTES } from '../../../src/main/engine/capture/slab-pool';
import { randomBytes } from '../../helpers/random-bytes';
import { firstRows, LINE_FRAMING, useLogPages } from '../../helpers/log-pages-harness';
import { eventually } from '../../helpers/peers';
import { thrownEnglish } from '../../helpers/english';

/**
 * LogPages over a real capture log (no sockets: the chunks are appended as
 * the engine appends them): what a scan does when the log evicts and
 * reuses slabs under it, big chunks kept outside the slabs, progress
 * reports, and the bounds on what it keeps.
 */
const MiB = 1024 * 1024;
const logPages = useLogPages();

function setUp(budget: number, options: { progressAfterMs?: number; now?: () => number } = {}) {
  const { log, pages, events } = logPages(budget, options);
  const append = (data: Uint8Array, dir: 'rx' | 'tx' = 'rx', endpointId = 'e1') =>
    pages.appended(log.append({ endpointId, peerId: 'p1', dir, time: 1, data }));
  return { log, pages, events, append };
}

const until = (what: string, check: () => boolean) => eventually(check, what, 30_000);
const search = (pages: LogPages, text: string, endpointId = 'e1') =>
  pages.startSearch({
    endpointId,
    dir: 'all',
    pattern: { kind: 'text', text, encoding: 'utf-8' },
  });
const read = (pages: LogPages, scanId: string, count = 1000) =>
  pages.readSearch({ scanId, anchor: { index: 0 }, before: 0, count });

describe('scans over a log that moves under them', () => {
  it('drops matches in chunks evicted (and slabs reused) while the worker read them', async () => {
    const { pages, append } = setUp(16 * MiB);
    const needle = Buffer.from('#NEEDLE#');
    const filler = randomBytes(64 * 1024, 7);
    // 16 MiB of chunks with the needle once each.
    for (let i = 0; i < 256; i++)
      append(Buffer.concat([filler.subarray(0, 1000), needle, filler.subarray(1008)]));
    const s = search(pages, needle.toString());
    // Let the first jobs go out, then overwrite the whole log with needles at other offsets.
    await new Promise((resolve) => setImmediate(resolve));
    const dense = Buffer.alloc(64 * 1024, 0x20);
    for (let at = 0; at + needle.length <= dense.length; at += 1024) needle.copy(dense, at + 3);
    for (let i = 0; i < 300; i++) append(dense);
    await until('the search to end', () => read(pages, s.scanId).status.state !== 'running');
    const r = read(pages, s.scanId);
    expect(r.status.state).toBe('done');
    expect(r.firstHeld).toBe(r.total - r.status.found);
    // Whatever it kept is a needle where it says, read back from the log now.
    for (const m of r.matches) {
      const w = pages.stream({
        endpointId: 'e1',
        dir: 'rx',
        offset: m.streamOffset,
        length: needle.length,
      });
      expect(Buffer.from(w.bytes).equals(needle)).toBe(true);
    }
    // Every needle the search covered was in a chunk evicted since, whose slab now holds
    // needles elsewhere: none of those is a match.
    expect(pages.indexOf('e1').firstHeld).toBeGreaterThan(256);
    expect(r.status.found).toBe(0);
    expect(r.dropped).toBe(0);

    // Matches found, then evicted, are let go and counted.
    const again = search(pages, needle.toString());
    await until('the second search', () => read(pages, again.scanId).status.state === 'done');
    const before = read(pages, again.scanId);
    const index = pages.indexOf('e1');
    expect(before.status.found).toBe((index.count - index.firstHeld) * 64);
    for (let i = 0; i < 10; i++) append(filler);
    const after = read(pages, again.scanId);
    expect(after.dropped).toBe(10 * 64);
    expect(after.status.found).toBe(before.status.found - 10 * 64);
    expect(after.matches[0]!.index).toBe(10 * 64);
  });

  it('finds a needle in a sent chunk kept outside the slabs, and across it', async () => {
    const { pages, append } = setUp(64 * MiB);
    const big = Buffer.alloc(POOLED_MAX_BYTES + 100, 0x2e);
    Buffer.from('BIGNEEDLE').copy(big, POOLED_MAX_BYTES);
    Buffer.from('ACR').copy(big, big.length - 3);
    append(Buffer.from('small chunk'), 'tx');
    append(big, 'tx');
    append(Buffer.from('OSS and more'), 'tx');
    for (const text of ['BIGNEEDLE', 'ACROSS']) {
      const s = search(pages, text);
      await until('the search', () => read(pages, s.scanId).status.state === 'done');
      expect(read(pages, s.scanId).matches.map((m) => [m.dir, m.seq])).toEqual([['tx', 1]]);
    }
    // The log's own copy was copied for the worker, never handed over.
    const w = pages.stream({ endpointId: 'e1', dir: 'tx', offset: 11, length: big.length });
    expect(Buffer.from(w.bytes).equals(big)).toBe(true);
  });

  it('reports progress while a scan runs longer than the threshold, and always its end', async () => {
    const { pages, events, append } = setUp(256 * MiB, { progressAfterMs: 0 });
    const text = Buffer.from(Array.from({ length: 300_000 }, (_, i) => `${i}\n`).join(''));
    for (let at = 0; at < text.length; at += 1500) append(text.subarray(at, at + 1500));
    const framing = LINE_FRAMING;
    await until(
      'framed',
      () => pages.rowCount({ endpointId: 'e1', framing }).framing.behindChunks === 0,
    );
    const f = pages.startFilter({
      endpointId: 'e1',
      framing,
      dir: 'all',
      pattern: { kind: 'regex', text: '^1\\d*7$', encoding: 'utf-8' },
    });
    await until(
      'the filter',
      () => pages.rowCount({ endpointId: 'e1', filterId: f.scanId }).filter?.state === 'done',
    );
    const mine = events.filter((e) => e.type === 'log-scan' && e.scanId === f.scanId);
    expect(mine.some((e) => e.type === 'log-scan' && e.state === 'running')).toBe(true);
    expect(mine[mine.length - 1]).toMatchObject({ state: 'done', unit: 'rows', total: 300_000 });
    let expected = 0;
    for (let i = 0; i < 300_000; i++) if (/^1\d*7$/.test(String(i))) expected++;
    expect(pages.rowCount({ endpointId: 'e1', filterId: f.scanId }).total).toBe(expected);
  });

  it('ends an idle-framed message when its peer has been quiet for the gap, by the clock', async () => {
    // The chunks came at 1 µs (setUp), so the peer is quiet from then on.
    let now = 10;
    const { pages, append } = setUp(MiB, { now: () => now });
    const framing = { mode: 'idle' as const, gapMs: 50, maxFrameBytes: 1024 };
    append(Buffer.from('first '));
    append(Buffer.from('message'));
    const count = () => pages.rowCount({ endpointId: 'e1', framing });
    await until('framed', () => count().framing.behindChunks === 0);
    expect(count().total).toBe(0);
    now += 50_000;
    await until('the message ended by the gap', () => count().total === 1);
    const page = firstRows(pages, 1, framing);
    expect(Buffer.from(page.bytes).toString()).toBe('first message');
  });

  it('keeps at most SCANS_MAX scans, and a removed endpoint takes its scans with it', () => {
    const { pages, append } = setUp(MiB);
    append(Buffer.from('abc'));
    append(Buffer.from('abc'), 'rx', 'e2');
    const first = search(pages, 'a');
    for (let i = 1; i < SCANS_MAX; i++) search(pages, 'b');
    expect(() => read(pages, first.scanId)).not.toThrow();
    search(pages, 'c');
    expect(thrownEnglish(() => read(pages, first.scanId))).toMatch(/no search or filter/);
    const other = search(pages, 'a', 'e2');
    pages.forget('e2');
    expect(thrownEnglish(() => read(pages, other.scanId))).toMatch(/no search or filter/);
  });
});
