import { lowerBound } from '../../../shared/collections/sorted-search';
import type { CompiledFilter } from './message-filter';
import type { MessageLog } from './message-log';

/**
 * Which messages the view shows and which the pattern matches, kept up to
 * date incrementally: new messages are scanned once, and a new filter or a
 * new framing starts the scan over.
 */
export class MessageIndex {
  /** Ordinals the view shows, or null when it shows every message. */
  visible: number[] | null = null;
  /** Ordinals of messages the pattern matches (and dir/peer admit). */
  matches: number[] = [];
  private scanned = 0;
  private filter: CompiledFilter | null = null;
  private generation = -1;

  update(log: MessageLog, filter: CompiledFilter): void {
    if (filter !== this.filter || log.generation !== this.generation) {
      this.filter = filter;
      this.generation = log.generation;
      this.visible = filter.hides ? [] : null;
      this.matches = [];
      this.scanned = log.start;
    }
    this.forgetBefore(log.start);
    const from = Math.max(this.scanned, log.start);
    const { admits, find, onlyMatches } = filter;
    for (let o = from; o < log.end; o++) {
      const m = log.at(o)!;
      if (!admits(m)) continue;
      const hit = find !== null && find(m.data, 1).length > 0;
      if (hit) this.matches.push(o);
      if (this.visible && (!onlyMatches || hit)) this.visible.push(o);
    }
    this.scanned = log.end;
  }

  private forgetBefore(start: number): void {
    if (this.visible && this.visible.length > 0 && this.visible[0]! < start) {
      this.visible.splice(0, lowerBound(this.visible, start));
    }
    if (this.matches.length > 0 && this.matches[0]! < start) {
      this.matches.splice(0, lowerBound(this.matches, start));
    }
  }
}

/** The rows a view shows: ordinals in [from, to), possibly through a filter list. */
export interface RowRange {
  count: number;
  ordinalAt(row: number): number;
  /** The row showing `ordinal`, or -1 when it is not shown. */
  rowOf(ordinal: number): number;
}

export function rowRange(index: MessageIndex, from: number, to: number): RowRange {
  const list = index.visible;
  if (!list) {
    return {
      count: Math.max(0, to - from),
      ordinalAt: (row) => from + row,
      rowOf: (o) => (o >= from && o < to ? o - from : -1),
    };
  }
  const lo = lowerBound(list, from);
  const hi = lowerBound(list, to);
  return {
    count: hi - lo,
    ordinalAt: (row) => list[lo + row]!,
    rowOf: (o) => {
      const i = lowerBound(list, o);
      return i < hi && list[i] === o && i >= lo ? i - lo : -1;
    },
  };
}
