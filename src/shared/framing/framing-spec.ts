/**
 * How a connection's received bytes are cut into messages. A zod schema,
 * with the types inferred from it, because it comes from a form (and the
 * workspace, issue 12, will keep it with the connection).
 */
import { z } from 'zod';
import { msg, says, type MessageRef } from '../contract/message';
import { parseDelimiter } from './delimiter-field';

/** A whole number from `min` to `max`, said as `message` when it is not one. */
const wholeIn = (min: number, max: number, message: MessageRef) =>
  z.number().refine((n) => Number.isInteger(n) && n >= min && n <= max, says(message));

/** No frame may exceed this, whatever the user sets: the same bound as a send. */
export const FRAME_LIMIT = 64 * 1024 * 1024;
/** The default guard against a stream that never completes a frame. */
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;

const maxFrameBytes = wholeIn(
  1,
  FRAME_LIMIT,
  msg('framing.max-frame-bytes', { max: FRAME_LIMIT }),
).default(DEFAULT_MAX_FRAME_BYTES);

/** Each chunk as it was read is one message (the default). */
const raw = z.strictObject({ mode: z.literal('raw') });

/** A message ends at a delimiter such as `\r\n` or `7E`. */
const delimiter = z
  .strictObject({
    mode: z.literal('delimiter'),
    /** As typed: text with escapes (`\r\n`) or hex (`7E`), per `delimiterFormat`. */
    delimiter: z.string().max(512),
    delimiterFormat: z.enum(['text', 'hex']).default('text'),
    /** Keep the delimiter at the end of each message (default) or strip it. */
    keepDelimiter: z.boolean().default(true),
    maxFrameBytes,
  })
  .superRefine((spec, ctx) => {
    const parsed = parseDelimiter(spec.delimiter, spec.delimiterFormat);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['delimiter'], ...says(parsed.error) });
  });

/** Every message is exactly `length` bytes. */
const fixed = z.strictObject({
  mode: z.literal('fixed'),
  length: wholeIn(1, FRAME_LIMIT, msg('framing.frame-length', { max: FRAME_LIMIT })),
});

/** A header carries the length: `offset` bytes in, `size` bytes wide. */
const lengthPrefix = z.strictObject({
  mode: z.literal('length-prefix'),
  /** Where the length field starts, from the first byte of the frame. */
  offset: z.number().int().min(0).max(1024).default(0),
  size: z.union([z.literal(1), z.literal(2), z.literal(4)]).default(2),
  endian: z.enum(['big', 'little']).default('big'),
  /** True when the length counts the whole frame, header included; false when it counts what follows the field. */
  includesHeader: z.boolean().default(false),
  /** Added to the field's value (e.g. +2 for a trailing CRC the length leaves out). */
  adjustment: z.number().int().min(-65536).max(65536).default(0),
  maxFrameBytes,
});

/** A message ends when no byte has come for `gapMs` milliseconds. */
const idle = z.strictObject({
  mode: z.literal('idle'),
  gapMs: z
    .number()
    .refine((n) => n > 0 && n <= 600_000, says(msg('framing.idle-gap', { max: 600_000 }))),
  maxFrameBytes,
});

export const framingSpec = z.discriminatedUnion('mode', [
  raw,
  delimiter,
  fixed,
  lengthPrefix,
  idle,
]);

/** A framing spec with every default filled in (what the framer works from). */
export type FramingSpec = z.infer<typeof framingSpec>;
/** A framing spec as a form holds it (defaults optional). */
export type FramingSpecInput = z.input<typeof framingSpec>;
export type FramingMode = FramingSpec['mode'];

export const DEFAULT_FRAMING: FramingSpec = { mode: 'raw' };
