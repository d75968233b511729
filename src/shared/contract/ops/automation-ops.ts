import { z } from 'zod';
import { autoReplyRuleSchema } from '../../automation/rule-spec';
import { framingSpec } from '../../framing/framing-spec';
import { TEXT_ENCODING_NAMES } from '../../payload/encodings';
import { payloadSpecSchema } from '../../payload/payload-spec';
import {
  MAX_RULES,
  MAX_SCRIPT_CHARS,
  automationSnapshot,
  autoReplyStatus,
  periodicStatus,
  scriptProblem,
} from '../automation';
import { host, id } from '../fields';
import { msg, says } from '../message';
import { remotePort } from '../udp';

/** The longest periodic interval: a day. */
export const MAX_PERIODIC_INTERVAL_MS = 24 * 60 * 60 * 1000;
export const MAX_PERIODIC_COUNT = 1_000_000_000;

const encoding = z.enum(TEXT_ENCODING_NAMES);

/** What to send: the editor's payload as it is, or a saved one from the library. */
const payloadSource = z.union([
  z.strictObject({ spec: payloadSpecSchema }),
  z.strictObject({ libraryItemId: id }),
]);

const scriptSource = z.union([
  z.strictObject({
    source: z.string().max(MAX_SCRIPT_CHARS),
  }),
  z.strictObject({ libraryItemId: id }),
]);

const ruleList = z
  .array(autoReplyRuleSchema)
  .max(MAX_RULES)
  .refine(
    (rules) => new Set(rules.map((r) => r.id)).size === rules.length,
    says(msg('automation.rule-ids-shared', {})),
  );

/**
 * Automation runs in the main process, on the engine's sockets: periodic
 * sends, auto-reply rules and sequences, one of each per connection. What
 * they do arrives as `periodic`, `auto-reply` and `sequence` events.
 */
export const automationOperations = {
  /** Starts (or restarts) the connection's periodic send. */
  startPeriodic: {
    request: z.strictObject({
      endpointId: id,
      /** One peer's id, 'all' peers of a server, or omitted for the only peer. */
      peerId: z.union([id, z.literal('all')]).optional(),
      /** UDP only: the datagram's destination (else the connected remote or the last sender). */
      to: z.strictObject({ host, port: remotePort }).optional(),
      payload: payloadSource,
      intervalMs: z.number().int().min(1).max(MAX_PERIODIC_INTERVAL_MS),
      /** How many sends; null (or absent) until stopped. */
      count: z.number().int().min(1).max(MAX_PERIODIC_COUNT).nullable().default(null),
    }),
    result: periodicStatus,
  },
  stopPeriodic: {
    request: z.strictObject({ endpointId: id }),
    result: z.strictObject({ stopped: z.boolean() }),
  },
  /** Replaces the connection's rule list; framing and encoding are how its log reads messages. */
  setAutoReply: {
    request: z.strictObject({
      endpointId: id,
      enabled: z.boolean(),
      rules: ruleList,
      framing: framingSpec,
      encoding,
    }),
    result: autoReplyStatus,
  },
  /**
   * Runs a sequence against the connection (one peer of a server). A script
   * with errors does not start: `problems` says where, and `runId` is null.
   */
  runSequence: {
    request: z.strictObject({
      endpointId: id,
      peerId: id.optional(),
      script: scriptSource,
      /** The connection's encoding: regex expects decode what was received in it. */
      encoding,
    }),
    result: z.strictObject({ runId: id.nullable(), problems: z.array(scriptProblem) }),
  },
  stopSequence: {
    request: z.strictObject({ endpointId: id }),
    result: z.strictObject({ stopped: z.boolean() }),
  },
  /** What automation holds for every connection (a window that opens late catches up). */
  listAutomation: {
    request: z.strictObject({}),
    result: z.array(automationSnapshot),
  },
} as const;
