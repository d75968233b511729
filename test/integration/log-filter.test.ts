import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RequestOf, WirebenchApi, WirebenchEvent } from '../../src/shared/contract';
import { createInMemoryApi } from '../helpers/in-memory-api';
import { must } from '../helpers/result';
import { useScratch } from '../helpers/scratch';
import { eventually, spawnPeer } from '../helpers/peers';

/**
 * Filters in main over two million framed rows that socat sent: the rows
 * that match, exactly, as a list the page reads walk; progress while it
 * runs longer than 200 ms; next/previous by anchoring on a row; and the
 * filter follows rows that come after it is done.
 */
const ROWS = 2_000_000;
const line = (i: number): string => `${String(i).padStart(7, '0')}\n`;
const framing = { mode: 'delimiter' as const, delimiter: '\\n' };
const { dir, track, later } = useScratch('filter');

async function send(port: number, name: string, text: string): Promise<void> {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  const peer = spawnPeer('socat', ['-u', `OPEN:${file},rdonly`, `TCP:127.0.0.1:${port}`]);
  track(peer);
  await peer.exited();
}

async function filterDone(api: WirebenchApi, endpointId: string, filterId: string) {
  await eventually(
    async () => (await must(api.logRowCount({ endpointId, filterId }))).filter?.state !== 'running',
    'the filter to catch up',
    60_000,
  );
  return must(api.logRowCount({ endpointId, filterId }));
}

describe('filters in main', () => {
  it('filters two million rows: exactly the matching ones, with progress, next and previous, and new rows', async () => {
    const bridge = createInMemoryApi();
    later(() => bridge.close());
    const { api } = bridge;
    const info = await must(
      api.openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }),
    );
    const id = info.id;
    const text = Array.from({ length: ROWS }, (_, i) => line(i)).join('');
    await send(info.local!.port, 'lines.txt', text);
    await eventually(
      async () => {
        const c = await must(api.logRowCount({ endpointId: id, framing }));
        return c.total === ROWS && c.framing.behindChunks === 0;
      },
      'two million framed rows',
      60_000,
    );

    const expected: number[] = [];
    for (let i = 0; i < ROWS; i++) if (line(i).includes('777')) expected.push(i);
    const t0 = performance.now();
    const started = await must(
      api.startLogFilter({ endpointId: id, framing, pattern: { kind: 'text', text: '777' } }),
    );
    const done = await filterDone(api, id, started.scanId);
    const ms = performance.now() - t0;
    console.log(`filter over 2M rows: ${Math.round(ms)} ms`);
    expect(done.filter).toMatchObject({ state: 'done', found: expected.length, done: ROWS });
    expect(done.total).toBe(expected.length);
    const reports = bridge.events.filter(
      (e: WirebenchEvent) => e.type === 'log-scan' && e.scanId === started.scanId,
    );
    // Progress while it ran, once it ran longer than 200 ms; the end always.
    if (ms > 400)
      expect(reports.some((e) => e.type === 'log-scan' && e.state === 'running')).toBe(true);
    await eventually(
      () =>
        bridge.events.some(
          (e) => e.type === 'log-scan' && e.scanId === started.scanId && e.state === 'done',
        ),
      'the done event',
    );

    /** Rows of the filter's view, `count` from `anchor` (and `before` it). */
    const filtered = (request: Omit<RequestOf<'logRows'>, 'endpointId' | 'filterId'>) =>
      must(api.logRows({ endpointId: id, filterId: started.scanId, ...request }));

    // Every row of the filter, page by page, is a matching line in order.
    const got: number[] = [];
    for (let at = 0; at < done.total;) {
      const page = await filtered({ anchor: { position: at }, count: 1000, maxRowBytes: 16 });
      for (const r of page.rows) {
        const bytes = Buffer.from(
          page.bytes.subarray(r.bytesAt, r.bytesAt + r.bytesLength),
        ).toString();
        expect(bytes).toBe(line(r.row));
        got.push(r.row);
      }
      at = page.from + page.rows.length + page.goneRows.length;
    }
    expect(got).toEqual(expected);

    // Next and previous from a row of the view.
    const from = 1_500_000;
    const next = await filtered({ anchor: { row: from }, count: 1 });
    expect(next.rows[0]!.row).toBe(expected.find((r) => r >= from));
    const previous = await filtered({ anchor: { row: from }, before: 1, count: 1 });
    expect(previous.rows[0]!.row).toBe([...expected].reverse().find((r) => r < from));

    // A regular expression over the same rows (one per row, anchored at the row's start).
    const regex = await must(
      api.startLogFilter({
        endpointId: id,
        framing,
        pattern: { kind: 'regex', text: '^\\d{3}0000' },
      }),
    );
    expect((await filterDone(api, id, regex.scanId)).total).toBe(ROWS / 10_000);

    // Direction alone: nothing was sent, and it needs no worker.
    const sent = await must(api.startLogFilter({ endpointId: id, framing, dir: 'tx' }));
    expect((await filterDone(api, id, sent.scanId)).total).toBe(0);

    // Done, it follows the rows that come after.
    await send(info.local!.port, 'more.txt', 'x777y\nnothing\n');
    await eventually(
      async () =>
        (await must(api.logRowCount({ endpointId: id, filterId: started.scanId }))).total ===
        expected.length + 1,
      'the new matching row',
    );
  });
});
