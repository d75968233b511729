import { useEffect, useReducer } from 'react';
import type { Chunk } from '../../shared/contract';
import { useWorkbench } from '../store/store';
import { useLogUi, useLogUiOf, type LogFilter, type LogUi } from './log-ui-store';
import { compileFilter, type CompiledFilter } from './message-filter';
import { MessageIndex, rowRange, type RowRange } from './message-index';
import { forgetStreams } from './byte-source';
import { forgetMessageLog, messageLogFor, type MessageLog } from './message-log';

interface FilterCache {
  source: LogFilter;
  compiled: CompiledFilter;
}
const indexes = new Map<string, MessageIndex>();
const filters = new Map<string, FilterCache>();
const NO_ROWS: Chunk[] = [];

/** One compiled filter per connection, so every view shares one index. */
function compiledFor(endpointId: string, filter: LogFilter): CompiledFilter {
  const cached = filters.get(endpointId);
  if (cached?.source === filter) return cached.compiled;
  const compiled = compileFilter(filter);
  filters.set(endpointId, { source: filter, compiled });
  return compiled;
}

export interface LogModel {
  ui: LogUi;
  log: MessageLog;
  index: MessageIndex;
  filter: CompiledFilter;
  /** The rows the views show (cleared and paused-after messages left out). */
  rows: RowRange;
  /** Messages that arrived since the view was paused. */
  newWhilePaused: number;
  /** The store's chunks for this connection (for stream views). */
  chunks: readonly Chunk[];
}

/**
 * A connection's messages as the views see them. New chunks are framed and
 * indexed on render, incrementally; the work is proportional to what is new.
 */
export function useLogModel(endpointId: string): LogModel {
  const ui = useLogUiOf(endpointId);
  const chunks = useWorkbench((s) => s.logs[endpointId]?.rows) ?? NO_ROWS;
  useWorkbench((s) => s.logs[endpointId]?.version);
  const [, tick] = useReducer((n: number) => n + 1, 0);

  const log = messageLogFor(endpointId, ui.framing);
  if (log.framing !== ui.framing) log.reframe(ui.framing, chunks);
  else log.sync(chunks);
  const filter = compiledFor(endpointId, ui.filter);
  let index = indexes.get(endpointId);
  if (!index) indexes.set(endpointId, (index = new MessageIndex()));
  index.update(log, filter);

  // Idle framing ends a message when time passes, not when bytes come.
  const idle = ui.framing.mode === 'idle';
  useEffect(() => {
    if (!idle) return;
    const timer = setInterval(() => {
      if (log.flush(Date.now() * 1000)) tick();
    }, 50);
    return () => clearInterval(timer);
  }, [idle, log]);

  const end = ui.pausedAt !== null ? Math.min(ui.pausedAt, log.end) : log.end;
  return {
    ui,
    log,
    index,
    filter,
    rows: rowRange(index, log.start, end),
    newWhilePaused: log.end - end,
    chunks,
  };
}

/** A removed connection's messages, indexes and view state go with it. */
useWorkbench.subscribe((state, prev) => {
  if (state.endpoints === prev.endpoints) return;
  for (const id of Object.keys(prev.endpoints)) {
    if (state.endpoints[id]) continue;
    indexes.delete(id);
    filters.delete(id);
    forgetMessageLog(id);
    forgetStreams(id);
    useLogUi.setState((s) => {
      const rest = { ...s };
      delete rest[id];
      return rest;
    }, true);
  }
});
