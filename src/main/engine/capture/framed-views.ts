import { framingSpec, type FramingSpec } from '../../../shared/framing/framing-spec';
import type { CaptureLog } from './capture-log';
import { FramedView } from './framed-view';
import type { LogIndex } from './log-index';
import { RawRows, type RowSource } from './row-source';

/** Framed views kept per endpoint besides those a filter reads. */
const VIEWS_PER_ENDPOINT = 2;

/**
 * The views windows ask for, by endpoint and framing spec: raw rows cost
 * nothing to make; a framed view is made on first use, kept while it is
 * among the two most recently used of its endpoint or a filter reads it,
 * and caught up by catchUp() in the slices the caller gives it.
 */
export class FramedViews {
  private readonly views = new Map<string, FramedView[]>();

  constructor(
    private readonly index: LogIndex,
    private readonly log: CaptureLog,
  ) {}

  /** Whether an endpoint has framed views to keep up to date. */
  has(endpointId: string): boolean {
    return this.views.has(endpointId);
  }

  /** The raw rows, or the framed view for this spec; `made` is told when a view is new. */
  viewOf(endpointId: string, framing: FramingSpec | undefined, made: () => void): RowSource {
    const index = this.index.of(endpointId);
    if (!framing || framing.mode === 'raw') return new RawRows(index);
    const spec = framingSpec.parse(framing);
    const key = JSON.stringify(spec);
    const list = this.views.get(endpointId) ?? [];
    let view = list.find((v) => JSON.stringify(v.spec) === key);
    if (!view) {
      view = new FramedView(spec, index, this.log);
      list.unshift(view);
      this.views.set(endpointId, list);
      made();
    }
    view.usedAt = performance.now();
    const idle = list.filter((v) => v.readers === 0).sort((a, b) => b.usedAt - a.usedAt);
    for (const v of idle.slice(VIEWS_PER_ENDPOINT)) list.splice(list.indexOf(v), 1);
    return view;
  }

  forget(endpointId: string): void {
    this.views.delete(endpointId);
  }

  /**
   * Frames what came since, until `deadline`; idle framing ends the
   * messages whose peer went quiet before `now` (µs). Says whether work is
   * left (more: at once; idle: when time has passed).
   */
  catchUp(deadline: number, now: number): { more: boolean; idle: boolean } {
    let more = false;
    let idle = false;
    for (const list of this.views.values()) {
      for (const view of list) {
        if (view.behind > 0 && !view.catchUp(deadline)) more = true;
        if (view.spec.mode === 'idle' && view.pending > 0) {
          view.flush(now);
          idle ||= view.pending > 0;
        }
      }
    }
    return { more, idle };
  }
}
