import { z } from 'zod';
import { payloadSpecSchema } from '../payload/payload-spec';
import { msg, says } from '../contract/message';

/**
 * An auto-reply rule as the workspace saves it and the engine runs it. Per
 * connection, an ordered list: the first enabled rule that matches an
 * incoming message answers it.
 *
 * `match` by `matchAs`:
 * - text:  the message contains this text (the editor's text syntax with
 *          escapes, `\r\n`, `\xHH`, encoded in the connection's encoding);
 * - exact: the message is exactly this text (same syntax);
 * - regex: a JavaScript regex (with `flags`) on the message decoded in the
 *          connection's encoding; groups are `{{$1}}`…, `{{$name}}`;
 * - hex:   a hex pattern (`01 03 ?? ?? * 0D`, hex-pattern.ts), the whole
 *          message; each `??` run and `*` is a capture `{{$1}}`…;
 * - any:   every message (`match` is ignored).
 * In every mode `{{$0}}` is what matched.
 */

export const MATCH_AS = ['text', 'exact', 'regex', 'hex', 'any'] as const;
export type MatchAs = (typeof MATCH_AS)[number];

/** Longer than this, a match is a pasted capture rather than a rule. */
export const MAX_MATCH_CHARS = 64 * 1024;
export const MAX_REPLY_DELAY_MS = 60 * 60 * 1000;

export const autoReplyRuleSchema = z.object({
  id: z.string().min(1).max(64),
  /** What the log shows beside a reply this rule sent; empty: "Rule N". */
  name: z.string().max(200).default(''),
  enabled: z.boolean().default(true),
  matchAs: z.enum(MATCH_AS),
  match: z.string().max(MAX_MATCH_CHARS).default(''),
  /** For regex only: any of i, m, s (u cannot run in linear time: linear-regex.ts). */
  flags: z
    .string()
    .max(3)
    .refine(
      (f) => /^[ims]*$/.test(f) && new Set(f).size === f.length,
      says(msg('automation.regex-flags', {})),
    )
    .default(''),
  /** The reply in the payload editor's own syntax and options, plus captures. */
  reply: payloadSpecSchema,
  delayMs: z.number().int().min(0).max(MAX_REPLY_DELAY_MS).default(0),
  /** Answer the first matching message only, then stand aside. */
  once: z.boolean().default(false),
});

export type AutoReplyRule = z.infer<typeof autoReplyRuleSchema>;
export type AutoReplyRuleInput = z.input<typeof autoReplyRuleSchema>;
