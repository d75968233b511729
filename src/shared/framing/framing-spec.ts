/**
 * How a connection's received bytes are cut into messages. A zod schema,
 * with the types inferred from it, because it comes from a form (and the
 * workspace, issue 12, will keep it with the connection).
 */
import { z } from 'zod';
import { parseDelimiter } from './delimiter-field';

/** No frame may exceed this, whatever the user sets: the same bound as a send. */
export const FRAME_LIMIT = 64 * 1024 * 1024;
/** The default guard against a stream that never completes a frame. */
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;

const maxFrameBytes = z
  .number({ error: 'The frame size limit must be a number' })
  .int('The frame size limit must be a whole number of bytes')
  .min(1, 'The frame size limit must be at least 1 byte')
  .max(FRAME_LIMIT, 'The frame size limit can be at most 64 MiB')
  .default(DEFAULT_MAX_FRAME_BYTES);

/** Each chunk as it was read is one message (the default). */
const raw = z.strictObject({ mode: z.literal('raw') });

/** A message ends at a delimiter such as `\r\n` or `7E`. */
const delimiter = z
  .strictObject({
    mode: z.literal('delimiter'),
    /** As typed: text with escapes (`\r\n`) or hex (`7E`), per `delimiterFormat`. */
    delimiter: z.string().max(512, 'The delimiter is too long'),
    delimiterFormat: z.enum(['text', 'hex']).default('text'),
    /** Keep the delimiter at the end of each message (default) or strip it. */
    keepDelimiter: z.boolean().default(true),
    maxFrameBytes,
  })
  .superRefine((spec, ctx) => {
    const parsed = parseDelimiter(spec.delimiter, spec.delimiterFormat);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['delimiter'], message: parsed.error });
  });

/** Every message is exactly `length` bytes. */
const fixed = z.strictObject({
  mode: z.literal('fixed'),
  length: z
    .number({ error: 'The frame length must be a number' })
    .int('The frame length must be a whole number of bytes')
    .min(1, 'The frame length must be at least 1 byte')
    .max(FRAME_LIMIT, 'The frame length can be at most 64 MiB'),
});

/** A header carries the length: `offset` bytes in, `size` bytes wide. */
const lengthPrefix = z.strictObject({
  mode: z.literal('length-prefix'),
  /** Where the length field starts, from the first byte of the frame. */
  offset: z
    .number()
    .int()
    .min(0, 'The length field offset cannot be negative')
    .max(1024)
    .default(0),
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
    .number({ error: 'The idle gap must be a number' })
    .positive('The idle gap must be more than 0 ms')
    .max(600_000, 'The idle gap can be at most 10 minutes'),
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
