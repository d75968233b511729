import type { StateCreator } from 'zustand';
import type { Chunk, Direction } from '../../../shared/contract';
import { StreamSource } from '../log-model/byte-source';
import { compileFilter, type CompiledFilter, type LogFilter } from '../log-model/message-filter';
import { MessageIndex } from '../log-model/message-index';
import { MessageLog } from '../log-model/message-log';
import type { WorkbenchState } from '../store';
import type { LogUi } from './log-ui';

/**
 * One connection's messages as the views show them, derived from its rows
 * and its log settings: the framed messages, which of them the filter shows
 * and matches, and the direction streams the Hex and Text views asked for.
 * The parts are built incrementally and changed in place (a million
 * messages are never copied); the object itself is replaced whenever any of
 * them changed, so a component that selects it re-renders.
 */
export interface MessageView {
  readonly log: MessageLog;
  readonly index: MessageIndex;
  readonly filter: CompiledFilter;
  /** The settings `filter` was compiled from. */
  readonly filterOf: LogFilter;
  /** The streams asked for so far, for the log's current generation (a reframe or clear restarts them). */
  readonly streams: Readonly<Partial<Record<Direction, StreamSource>>>;
  readonly streamsOf: number;
  /** What the parts stood at when this object was made. */
  readonly stamp: readonly unknown[];
}

/**
 * Derived data, kept in the store so that it is computed where the store
 * changes (the feed, the log actions) and never while React renders: a
 * render only reads it. Written only through updatedView.
 */
export interface LogMessagesSlice {
  messages: Record<string, MessageView>;
}

export const createLogMessagesSlice: StateCreator<
  WorkbenchState,
  [],
  [],
  LogMessagesSlice
> = () => ({
  messages: {},
});

function stampOf(v: Omit<MessageView, 'stamp'>): unknown[] {
  const { rx, tx } = v.streams;
  return [v.log.version, v.filter, rx, rx?.version, tx, tx?.version];
}

function sameStamp(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Brings a connection's messages up to date with its rows and its settings:
 * new rows are framed, a new framing reframes, a new filter re-indexes, a
 * stream shown for the first time is built. The same object when nothing
 * changed. Work is proportional to what is new.
 */
export function updatedView(
  view: MessageView | undefined,
  ui: LogUi,
  rows: readonly Chunk[],
): MessageView {
  const log = view?.log ?? new MessageLog(ui.framing);
  if (log.framing !== ui.framing) log.reframe(ui.framing, rows);
  else log.sync(rows);
  const filter = view && view.filterOf === ui.filter ? view.filter : compileFilter(ui.filter);
  const index = view?.index ?? new MessageIndex();
  index.update(log, filter);
  let streams = view && view.streamsOf === log.generation ? view.streams : {};
  if (ui.source !== 'message' && !streams[ui.source]) {
    streams = { ...streams, [ui.source]: new StreamSource(ui.source) };
  }
  for (const stream of Object.values(streams)) stream.sync(rows, log.floor);
  const next = { log, index, filter, filterOf: ui.filter, streams, streamsOf: log.generation };
  const stamp = stampOf(next);
  return view && sameStamp(view.stamp, stamp) ? view : { ...next, stamp };
}
