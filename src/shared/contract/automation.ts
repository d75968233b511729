import { z } from 'zod';
import { autoReplyRuleSchema } from '../automation/rule-spec';
import { id, micros } from './fields';
import { messageRef } from './message';

/**
 * What automation tells the windows: how a periodic send, a connection's
 * auto-reply and a sequence run are doing. Each event carries the whole
 * status (not a change), so a window may skip any but the last and still be
 * right; main coalesces them per connection.
 */

/** The longest sequence script a request may carry (a 64 KiB script is thousands of steps). */
export const MAX_SCRIPT_CHARS = 64 * 1024;
/** Rules per connection: enough for an inferred simulator, few enough to try in order. */
export const MAX_RULES = 256;

export const periodicStatus = z.strictObject({
  state: z.enum(['running', 'completed', 'stopped', 'failed']),
  /** The peer it sends to, 'all', or null for the only one (a client, UDP's remote). */
  peerId: z.union([id, z.literal('all')]).nullable(),
  intervalMs: z.number().int(),
  /** How many sends were asked for; null: until stopped. */
  count: z.number().int().nullable(),
  sent: z.number().int(),
  /** Slots passed over because a send was late by a whole interval or more. */
  skipped: z.number().int(),
  /** When the next send is due, µs since the epoch; null once it stopped. */
  nextDueAt: micros.nullable(),
  /** Why it stopped (a failure, the connection going away, the user); null while running or done. */
  reason: messageRef.nullable(),
});
export type PeriodicStatus = z.infer<typeof periodicStatus>;

export const ruleProblem = z.strictObject({
  field: z.enum(['match', 'reply']),
  message: messageRef,
  /** Offsets in the field's text, when the problem has a place. */
  start: z.number().int().optional(),
  end: z.number().int().optional(),
});
export type RuleProblem = z.infer<typeof ruleProblem>;

export const ruleStatus = z.strictObject({
  ruleId: z.string(),
  hits: z.number().int(),
  /** Why the rule cannot run (it is skipped); null when it can. */
  problem: ruleProblem.nullable(),
});
export type RuleStatus = z.infer<typeof ruleStatus>;

export const autoReplyStatus = z.strictObject({
  enabled: z.boolean(),
  rules: z.array(ruleStatus),
  /** Why auto-reply turned itself off (a reply loop), or null. */
  stopReason: messageRef.nullable(),
  /**
   * The latest reply that could not be composed or sent (its rule), or the
   * latest partial frames dropped to bound memory (ruleId null: no rule's).
   */
  lastProblem: z.strictObject({ ruleId: z.string().nullable(), message: messageRef }).nullable(),
});
export type AutoReplyStatus = z.infer<typeof autoReplyStatus>;

export const stepState = z.enum(['pending', 'running', 'passed', 'failed']);
export type StepStateName = z.infer<typeof stepState>;

export const sequenceStatus = z.strictObject({
  runId: id,
  state: z.enum(['running', 'passed', 'failed']),
  /** Every step's state, by step number (a repeat's steps show their current pass). */
  steps: z.array(stepState),
  /** The pass (from 1) of each repeat around the running or failed step, outermost first. */
  iteration: z.array(z.number().int()),
  failure: z
    .strictObject({
      step: z.number().int(),
      iteration: z.array(z.number().int()),
      message: messageRef,
    })
    .nullable(),
});
export type SequenceStatus = z.infer<typeof sequenceStatus>;

/** A problem in a script, where the editor puts its marker (1-based, endColumn exclusive). */
export const scriptProblem = z.strictObject({
  line: z.number().int(),
  column: z.number().int(),
  endColumn: z.number().int(),
  severity: z.enum(['error', 'warning']),
  message: messageRef,
});
export type ScriptProblem = z.infer<typeof scriptProblem>;

/** Everything automation holds for one connection, for a window that opens late. */
export const automationSnapshot = z.strictObject({
  endpointId: id,
  periodic: periodicStatus.nullable(),
  autoReply: autoReplyStatus.extend({ ruleList: z.array(autoReplyRuleSchema) }).nullable(),
  sequence: sequenceStatus.nullable(),
});
export type AutomationSnapshot = z.infer<typeof automationSnapshot>;

/** Which automation sent a chunk: the log marks replies with their rule. */
export const chunkOrigin = z.strictObject({
  kind: z.enum(['rule', 'periodic', 'sequence']),
  /** The rule's id, or the run's. */
  id: z.string().min(1).max(64),
});
export type ChunkOrigin = z.infer<typeof chunkOrigin>;
