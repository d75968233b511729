import type { AutomationProblem } from '../../../shared/automation/automation-errors';
import { composeWithCaptures } from '../../../shared/automation/captures';
import { compileRule, type CompiledRule } from '../../../shared/automation/rule-match';
import type { AutoReplyRule } from '../../../shared/automation/rule-spec';
import type { Chunk } from '../../../shared/contract/chunk';
import { createMessageFramer, type MessageFramer } from '../../../shared/framing/message-framer';
import {
  FRAME_LIMIT,
  framingSpec,
  type FramingSpec,
  type FramingSpecInput,
} from '../../../shared/framing/framing-spec';
import type { ComposeContext } from '../../../shared/payload/compose';
import type { TextEncodingName } from '../../../shared/payload/encodings';
import type { Clock } from '../clock';
import { createMicroClock } from '../clock';
import { problem } from '../../../shared/automation/automation-errors';
import { sendFailedProblem, type ReplyTarget } from './automation-target';
import { linearRegex } from './linear-regex';

/**
 * Answers incoming messages by an ordered rule list: the first enabled rule
 * that matches a message replies to the peer that sent it, composed with the
 * rule's captures ({{counter}} is the rule's hits before this one), after
 * the rule's delay. A rule set to reply once stands aside after its first
 * hit. Rules that cannot compile are kept (with why) and skipped.
 *
 * A message is what the connection's framing makes of the received chunks,
 * per peer (src/shared/framing); with raw framing each chunk is a message.
 * Idle framing needs time to pass, so a timer flushes it after the gap.
 *
 * Bounded whatever peers do: the partial frames of at most MAX_FRAMED_PEERS
 * peers are held (the least recently heard one is let go: a UDP socket
 * hears from any number of ports), together at most maxHeldBytes() (peers
 * that never finish a message would otherwise hold a frame limit each: the
 * least recently heard partial frames are dropped, counted and said), a
 * peer that left is forgotten (forget()), and at most MAX_PENDING_REPLIES
 * delayed replies wait; past that a reply is dropped and said.
 */

export const MAX_FRAMED_PEERS = 1024;
export const MAX_PENDING_REPLIES = 10_000;
/** Partial frames held across peers: at least this… */
export const MIN_HELD_BYTES = 16 * 1024 * 1024;

/** …or four frames at the spec's limit, whichever is larger, never past the largest frame. */
export function maxHeldBytes(spec: FramingSpec): number {
  const frame = spec.mode === 'raw' ? 0 : spec.mode === 'fixed' ? spec.length : spec.maxFrameBytes;
  return Math.min(FRAME_LIMIT, Math.max(MIN_HELD_BYTES, 4 * frame));
}

/** A peer's framer and the bytes it held when last counted. */
interface PeerFrames {
  framer: MessageFramer;
  held: number;
}

export interface RuleResponderOptions {
  rules: AutoReplyRule[];
  /** The connection's encoding: Text and Exact are encoded in it, Regex decodes in it. */
  encoding: TextEncodingName;
  framing: FramingSpecInput;
  target: ReplyTarget;
  /** A rule answered a message; `hits` counts them all. */
  onHit?(ruleId: string, hits: number): void;
  /** A reply could not be composed or sent (a rule's), or partial frames were dropped (null). */
  onProblem?(ruleId: string | null, problem: AutomationProblem): void;
  /** The clock chunk times come from (µs), for idle framing. */
  clock?: Clock;
  /** Clock, randomness and files for placeholders in replies. */
  context?: Omit<ComposeContext, 'counter'>;
}

/** A message to answer: the bytes and the peer they came from. */
export interface IncomingMessage {
  peerId: string;
  data: Uint8Array;
}

export class RuleResponder {
  /** Every rule, compiled or with the reason it could not be. */
  readonly compiled: readonly CompiledRule[];
  private readonly hitCounts = new Map<string, number>();
  /** One framer per peer, least recently heard first. */
  private readonly framers = new Map<string, PeerFrames>();
  /** Bytes all framers hold, and the most they may. */
  private held = 0;
  private readonly maxHeld: number;
  private dropped = 0;
  private readonly clock: Clock;
  private readonly pending = new Set<NodeJS.Timeout>();
  private idleTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly onClosed = (): void => this.stop();

  constructor(private readonly options: RuleResponderOptions) {
    this.compiled = options.rules.map((r) => compileRule(r, options.encoding, linearRegex));
    // Parsed once: a bad spec throws here, where the caller set it.
    this.maxHeld = maxHeldBytes(framingSpec.parse(options.framing));
    this.clock = options.clock ?? createMicroClock();
    if (options.target.closed.aborted) this.stopped = true;
    else options.target.closed.addEventListener('abort', this.onClosed, { once: true });
  }

  /** Replies waiting out their rule's delay. */
  get pendingReplies(): number {
    return this.pending.size;
  }

  /** Peers whose partial frames are held. */
  get framedPeers(): number {
    return this.framers.size;
  }

  /** Bytes held in partial frames, all peers together. */
  get heldBytes(): number {
    return this.held;
  }

  /** Partial frames dropped because together they held too much. */
  get droppedPartials(): number {
    return this.dropped;
  }

  /** Hits per rule id. */
  hits(): ReadonlyMap<string, number> {
    return this.hitCounts;
  }

  /** Feeds a captured chunk; received ones are framed and each message answered. */
  receive(chunk: Chunk): void {
    if (this.stopped || chunk.dir !== 'rx') return;
    const frames = this.framesFor(chunk.peerId);
    const messages = frames.framer.push(chunk);
    this.recount(frames);
    for (const m of messages) this.handle(m);
    if (this.held > this.maxHeld) this.dropOldestPartials();
    this.armIdleFlush();
  }

  /** The peer left (a closed connection, a UDP remote the peer table forgot): its partial frame goes. */
  forget(peerId: string): void {
    const frames = this.framers.get(peerId);
    if (!frames) return;
    this.framers.delete(peerId);
    this.held -= frames.held;
  }

  /**
   * Answers one message (already framed). Returns the id of the rule that
   * answered, or null when none matched.
   */
  handle(message: IncomingMessage): string | null {
    if (this.stopped) return null;
    for (const c of this.compiled) {
      if (!c.ok || !c.rule.enabled) continue;
      const hits = this.hitCounts.get(c.rule.id) ?? 0;
      if (c.rule.once && hits > 0) continue;
      const captures = c.match(message.data);
      if (!captures) continue;
      this.hitCounts.set(c.rule.id, hits + 1);
      this.options.onHit?.(c.rule.id, hits + 1);
      const composed = composeWithCaptures(c.rule.reply, captures, {
        ...this.options.context,
        counter: hits,
      });
      if (!composed.ok) this.options.onProblem?.(c.rule.id, composed.problem);
      else if (c.rule.delayMs > 0) this.later(c.rule, message.peerId, composed.bytes);
      else this.reply(c.rule, message.peerId, composed.bytes);
      return c.rule.id;
    }
    return null;
  }

  /** Stops answering: delayed replies not yet sent are dropped. */
  stop(): void {
    this.stopped = true;
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
    clearTimeout(this.idleTimer);
    this.options.target.closed.removeEventListener('abort', this.onClosed);
  }

  /** The peer's framer, now the most recently heard; the least recent goes past the bound. */
  private framesFor(peerId: string): PeerFrames {
    let frames = this.framers.get(peerId);
    if (frames) this.framers.delete(peerId);
    else frames = { framer: createMessageFramer(this.options.framing), held: 0 };
    this.framers.set(peerId, frames);
    if (this.framers.size > MAX_FRAMED_PEERS) {
      const oldest = this.framers.keys().next().value;
      if (oldest !== undefined) this.forget(oldest);
    }
    return frames;
  }

  private recount(frames: PeerFrames): void {
    const now = frames.framer.pending();
    this.held += now - frames.held;
    frames.held = now;
  }

  /** Past the total bound: the least recently heard partial frames go until it holds again. */
  private dropOldestPartials(): void {
    let count = 0;
    for (const [peerId, frames] of this.framers) {
      if (this.held <= this.maxHeld) break;
      if (frames.held === 0) continue;
      this.forget(peerId);
      count++;
    }
    this.dropped += count;
    this.options.onProblem?.(
      null,
      problem('partial-frames-dropped', { count: this.dropped, size: this.maxHeld }),
    );
  }

  private later(rule: AutoReplyRule, peerId: string, bytes: Uint8Array): void {
    if (this.pending.size >= MAX_PENDING_REPLIES) {
      this.options.onProblem?.(rule.id, problem('reply-backlog', { count: MAX_PENDING_REPLIES }));
      return;
    }
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      this.reply(rule, peerId, bytes);
    }, rule.delayMs);
    this.pending.add(timer);
  }

  private reply(rule: AutoReplyRule, peerId: string, bytes: Uint8Array): void {
    if (this.stopped) return;
    this.options.target
      .reply(peerId, bytes, rule.id)
      .catch((err: unknown) => this.options.onProblem?.(rule.id, sendFailedProblem(err)));
  }

  /** Idle framing ends a message when the peer falls silent: look again after the gap. */
  private armIdleFlush(): void {
    const framing = this.options.framing;
    if (framing.mode !== 'idle') return;
    if (this.held === 0) return;
    clearTimeout(this.idleTimer);
    // A millisecond more: a Node timer can fire a little before the µs clock says the gap is over.
    this.idleTimer = setTimeout(() => {
      const now = this.clock();
      for (const frames of [...this.framers.values()]) {
        const messages = frames.framer.flush(now);
        this.recount(frames);
        for (const m of messages) this.handle(m);
      }
      this.armIdleFlush();
    }, framing.gapMs + 1);
  }
}
