import { afterEach } from 'vitest';
import type { WirebenchEvent } from '../../src/shared/contract';
import { CaptureLog } from '../../src/main/engine/capture/capture-log';
import { LogPages } from '../../src/main/engine/capture/log-pages';

/** Delimiter framing by "\n" (the delimiter left out), frames of 1 KiB at most. */
export const LINE_FRAMING = {
  mode: 'delimiter',
  delimiter: '\\n',
  delimiterFormat: 'text',
  keepDelimiter: false,
  maxFrameBytes: 1024,
} as const;

/**
 * LogPages over a real capture log of `budget` bytes, wired as the engine
 * wires them (what the log evicts, the pages forget), with no sockets: a
 * test appends chunks as the engine would. What the pages tell is kept in
 * `events`; each is disposed after its test.
 */
export function useLogPages() {
  const open: LogPages[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((p) => p.dispose()));
  });
  return (budget: number, options?: ConstructorParameters<typeof LogPages>[2]) => {
    const events: WirebenchEvent[] = [];
    let wired: LogPages | null = null;
    const log = new CaptureLog(budget, (id, drop) => wired?.evicted(id, drop.chunks));
    const pages = new LogPages(log, (e) => events.push(e), options);
    wired = pages;
    open.push(pages);
    return { log, pages, events };
  };
}

/** The first `count` rows of endpoint e1's view (raw, or framed by `framing`), 100 bytes of each at most. */
export function firstRows(
  pages: LogPages,
  count: number,
  framing?: Parameters<LogPages['rows']>[0]['framing'],
) {
  return pages.rows({
    endpointId: 'e1',
    ...(framing ? { framing } : {}),
    anchor: { position: 0 },
    before: 0,
    count,
    maxRowBytes: 100,
  });
}
