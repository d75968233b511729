import { problem, type AutomationProblem } from '../../../shared/automation/automation-errors';
import type { AutoReplyRule } from '../../../shared/automation/rule-spec';
import type { Chunk } from '../../../shared/contract/chunk';
import type { AutoReplyStatus } from '../../../shared/contract/automation';
import type { FramingSpecInput } from '../../../shared/framing/framing-spec';
import type { TextEncodingName } from '../../../shared/payload/encodings';
import type { Clock } from '../clock';
import { composeContext, type LoadedFiles } from './compose-context';
import { REPLY_LIMITS, ReplyGuard, type ReplyLimits } from './reply-guard';
import { RuleResponder } from './rule-responder';

export interface AutoReplySettings {
  enabled: boolean;
  rules: AutoReplyRule[];
  /** How the connection's log cuts messages; the rules see the same messages. */
  framing: FramingSpecInput;
  encoding: TextEncodingName;
  /** The files `{{file:ID}}` in replies name, read when the rules were set. */
  files?: LoadedFiles;
}

/** Sends a reply to the peer that sent the message, tagged with the rule for the log. */
export type SendReply = (peerId: string, bytes: Uint8Array, ruleId: string) => Promise<unknown>;

/**
 * One connection's auto-reply as the window sees it: the rule list, whether
 * it is on, the responder that answers while it is, and the status (hits per
 * rule, rules that cannot compile and why, the latest failed reply). Rules
 * outlive a reconnect (they are the connection's settings); a reply loop
 * turns auto-reply off (reply-guard.ts).
 */
export class AutoReply {
  /** Aborted when the connection is removed; closing it only leaves nothing to answer. */
  private readonly gone = new AbortController();
  private readonly guard: ReplyGuard;
  private responder: RuleResponder | null = null;
  private compiled: AutoReplyStatus['rules'];
  private enabled: boolean;
  private stopReason: AutomationProblem | null = null;
  private lastProblem: AutoReplyStatus['lastProblem'] = null;

  constructor(
    readonly settings: AutoReplySettings,
    private readonly send: SendReply,
    private readonly onChange: (urgent: boolean) => void,
    clock: Clock,
    /** Hits per rule id before these settings: a rule edited in place keeps its count. */
    hitsBefore: ReadonlyMap<string, number> = new Map(),
    limits: ReplyLimits = REPLY_LIMITS,
  ) {
    this.guard = new ReplyGuard(limits.count, limits.windowMs);
    this.enabled = settings.enabled;
    const responder = new RuleResponder({
      rules: settings.rules,
      encoding: settings.encoding,
      framing: settings.framing,
      clock,
      context: composeContext(settings.files ?? new Map()),
      target: {
        reply: (peerId, bytes, ruleId) => this.reply(peerId, bytes, ruleId),
        closed: this.gone.signal,
      },
      onHit: () => this.onChange(false),
      onProblem: (ruleId, message) => {
        this.lastProblem = { ruleId, message };
        this.onChange(false);
      },
    });
    this.compiled = responder.compiled.map((c) => ({
      ruleId: c.rule.id,
      hits: hitsBefore.get(c.rule.id) ?? 0,
      problem: c.ok
        ? null
        : {
            field: c.field,
            message: c.problem,
            ...(c.start !== undefined ? { start: c.start, end: c.end } : {}),
          },
    }));
    if (this.enabled) this.responder = responder;
    else responder.stop();
  }

  get status(): AutoReplyStatus {
    const hits = this.responder?.hits();
    return {
      enabled: this.enabled,
      rules: this.compiled.map((r) => ({ ...r, hits: r.hits + (hits?.get(r.ruleId) ?? 0) })),
      stopReason: this.stopReason,
      lastProblem: this.lastProblem,
    };
  }

  receive(chunk: Chunk): void {
    this.responder?.receive(chunk);
  }

  /** The peer left: its partial frame is let go. */
  forget(peerId: string): void {
    this.responder?.forget(peerId);
  }

  /** Peers whose partial frames are held. */
  get framedPeers(): number {
    return this.responder?.framedPeers ?? 0;
  }

  /** Stops answering for good (the connection was removed, or the rules replaced). */
  dispose(): void {
    this.halt();
    this.gone.abort();
  }

  private reply(peerId: string, bytes: Uint8Array, ruleId: string): Promise<unknown> {
    if (this.guard.tooMany()) {
      this.stopReason = problem('reply-flood', this.guard.limits);
      this.enabled = false;
      this.halt();
      this.onChange(true);
      return Promise.resolve();
    }
    return this.send(peerId, bytes, ruleId);
  }

  /** Keeps the hits as they were, and lets go of the responder. */
  private halt(): void {
    this.compiled = this.status.rules;
    this.responder?.stop();
    this.responder = null;
  }
}
