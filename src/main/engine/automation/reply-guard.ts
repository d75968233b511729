/**
 * Notices a reply loop: two rules answering each other across a loopback
 * pair, or a rule answering its own echo, reply as fast as the machine can
 * (tens of thousands a second) and never stop. No device on a bench asks
 * that often, so past MAX_REPLIES within WINDOW_MS auto-reply turns itself
 * off and says why; the person turns it on again.
 */

export const WINDOW_MS = 1000;
export const MAX_REPLIES = 5000;

/** Past `count` replies within `windowMs`, auto-reply is taken for a loop. */
export interface ReplyLimits {
  count: number;
  windowMs: number;
}
export const REPLY_LIMITS: ReplyLimits = { count: MAX_REPLIES, windowMs: WINDOW_MS };

export class ReplyGuard {
  private windowStart = 0;
  private count = 0;

  constructor(
    private readonly max = MAX_REPLIES,
    private readonly windowMs = WINDOW_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Counts one reply; true when the count within the window went past the limit. */
  tooMany(): boolean {
    const t = this.now();
    if (t - this.windowStart >= this.windowMs) {
      this.windowStart = t;
      this.count = 0;
    }
    return ++this.count > this.max;
  }

  get limits(): ReplyLimits {
    return { count: this.max, windowMs: this.windowMs };
  }
}
