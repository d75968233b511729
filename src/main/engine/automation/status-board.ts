/**
 * Automation's status events, paced: a 1 ms periodic send or a tight
 * sequence changes its status thousands of times a second, and a window
 * needs at most a few of those. A change marks the status dirty; dirty
 * statuses go out together every PACE_MS, and an ending goes out at once
 * (it is the one a person waits for). Each event is the whole status, so
 * skipping the ones in between loses nothing.
 */

export const PACE_MS = 50;

export type StatusKind = 'periodic' | 'auto-reply' | 'sequence';

export class StatusBoard {
  private readonly dirty = new Map<string, Set<StatusKind>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly emit: (endpointId: string, kind: StatusKind) => void) {}

  /** The status changed; it goes out within PACE_MS. */
  mark(endpointId: string, kind: StatusKind): void {
    let kinds = this.dirty.get(endpointId);
    if (!kinds) this.dirty.set(endpointId, (kinds = new Set()));
    kinds.add(kind);
    this.timer ??= setTimeout(() => this.flush(), PACE_MS);
  }

  /** The status goes out now (and is no longer pending). */
  now(endpointId: string, kind: StatusKind): void {
    this.dirty.get(endpointId)?.delete(kind);
    this.emit(endpointId, kind);
  }

  /** Nothing more goes out for this endpoint (it was removed). */
  forget(endpointId: string): void {
    this.dirty.delete(endpointId);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dirty.clear();
  }

  private flush(): void {
    this.timer = null;
    const due = [...this.dirty];
    this.dirty.clear();
    for (const [endpointId, kinds] of due) for (const kind of kinds) this.emit(endpointId, kind);
  }
}
