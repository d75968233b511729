import type { AutomationProblem } from '../../../shared/automation/automation-errors';
import { composeWithCaptures } from '../../../shared/automation/captures';
import { compileRule, type CompiledRule } from '../../../shared/automation/rule-match';
import type { AutoReplyRule } from '../../../shared/automation/rule-spec';
import type { Chunk } from '../../../shared/contract/chunk';
import { createMessageFramer, type MessageFramer } from '../../../shared/framing/message-framer';
import type { FramingSpecInput } from '../../../shared/framing/framing-spec';
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
 * hears from any number of ports), and at most MAX_PENDING_REPLIES delayed
 * replies wait; past that a reply is dropped and said.
 */

export const MAX_FRAMED_PEERS = 1024;
export const MAX_PENDING_REPLIES = 10_000;

export interface RuleResponderOptions {
  rules: AutoReplyRule[];
  /** The connection's encoding: Text and Exact are encoded in it, Regex decodes in it. */
  encoding: TextEncodingName;
  framing: FramingSpecInput;
  target: ReplyTarget;
  /** A rule answered a message; `hits` counts them all. */
  onHit?(ruleId: string, hits: number): void;
  /** A reply could not be composed or sent. */
  onProblem?(ruleId: string, problem: AutomationProblem): void;
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
  private readonly framers = new Map<string, MessageFramer>();
  private readonly clock: Clock;
  private readonly pending = new Set<NodeJS.Timeout>();
  private idleTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly onClosed = (): void => this.stop();

  constructor(private readonly options: RuleResponderOptions) {
    this.compiled = options.rules.map((r) => compileRule(r, options.encoding, linearRegex));
    // Parsed once: a bad spec throws here, where the caller set it.
    createMessageFramer(options.framing);
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

  /** Hits per rule id. */
  hits(): ReadonlyMap<string, number> {
    return this.hitCounts;
  }

  /** Feeds a captured chunk; received ones are framed and each message answered. */
  receive(chunk: Chunk): void {
    if (this.stopped || chunk.dir !== 'rx') return;
    for (const m of this.framerFor(chunk.peerId).push(chunk)) this.handle(m);
    this.armIdleFlush();
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
  private framerFor(peerId: string): MessageFramer {
    let framer = this.framers.get(peerId);
    if (framer) this.framers.delete(peerId);
    else framer = createMessageFramer(this.options.framing);
    this.framers.set(peerId, framer);
    if (this.framers.size > MAX_FRAMED_PEERS) {
      const oldest = this.framers.keys().next().value;
      if (oldest !== undefined) this.framers.delete(oldest);
    }
    return framer;
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
    let pending = 0;
    for (const f of this.framers.values()) pending += f.pending();
    if (pending === 0) return;
    clearTimeout(this.idleTimer);
    // A millisecond more: a Node timer can fire a little before the µs clock says the gap is over.
    this.idleTimer = setTimeout(() => {
      const now = this.clock();
      for (const f of [...this.framers.values()]) for (const m of f.flush(now)) this.handle(m);
      this.armIdleFlush();
    }, framing.gapMs + 1);
  }
}
