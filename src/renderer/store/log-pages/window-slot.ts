import { useWorkbench } from '../store';
import { emptyWindow, type RowWindow } from './page-cache';

/** A frame at 60 frames a second. */
const FRAME_MS = 16;

/** Runs a function before the next frame is drawn (a timer where there are no frames, as in Node). */
const nextFrame = (then: () => void): void => {
  const frame = (globalThis as { requestAnimationFrame?: (cb: () => void) => number })
    .requestAnimationFrame;
  if (frame) frame(() => then());
  else setTimeout(then, FRAME_MS);
};

/**
 * One connection's row window in the store, as its row pager writes it:
 * at once (a page asked for, a bound moved), or about once a frame for
 * what following the tail brings (live rows, tail pages, counts), so a
 * flood re-renders the list once a frame however many answers come. A
 * window read meanwhile is the one waiting. The bounds Clear and Pause set
 * in the store are kept by a write that was waiting when they changed.
 */
export class WindowSlot {
  key = '';
  filterId: string | null = null;
  private waiting: RowWindow | null = null;
  private scheduled = false;
  private lastWrite = -Infinity;

  constructor(
    private readonly endpointId: string,
    /** The window as it will be kept: within its page bound. */
    private readonly kept: (w: RowWindow) => RowWindow,
  ) {}

  /** A new view: nothing of the old one is written any more. */
  reset(key: string, filterId: string | null): void {
    this.key = key;
    this.filterId = filterId;
    this.waiting = null;
  }

  read(): RowWindow {
    const stored = useWorkbench.getState().rowWindows[this.endpointId];
    const current = stored && stored.key === this.key ? stored : null;
    if (this.waiting) {
      return current ? { ...this.waiting, start: current.start, end: current.end } : this.waiting;
    }
    return current ?? emptyWindow(this.key, this.filterId);
  }

  write(w: RowWindow): void {
    if (w.key !== this.key) return;
    this.waiting = null;
    this.lastWrite = performance.now();
    const kept = this.kept(w);
    useWorkbench.setState((s) =>
      s.endpoints[this.endpointId]
        ? { rowWindows: { ...s.rowWindows, [this.endpointId]: kept } }
        : {},
    );
  }

  /**
   * Written at once when nothing was written for a frame's time (news that
   * comes now and then shows without waiting); otherwise before the next
   * frame, with whatever else comes until then.
   */
  writeSoon(w: RowWindow): void {
    if (w.key !== this.key) return;
    if (!this.scheduled && performance.now() - this.lastWrite > FRAME_MS) return this.write(w);
    this.waiting = w;
    if (this.scheduled) return;
    this.scheduled = true;
    nextFrame(() => {
      this.scheduled = false;
      if (this.waiting) this.write(this.read());
    });
  }

  /** Lets go of the window (its view is no longer shown). */
  clear(): void {
    this.key = '';
    this.waiting = null;
    useWorkbench.setState((s) => {
      if (!(this.endpointId in s.rowWindows)) return {};
      const { [this.endpointId]: _cached, ...rest } = s.rowWindows;
      return { rowWindows: rest };
    });
  }
}
