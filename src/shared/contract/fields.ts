import { z } from 'zod';
import { hostProblem } from '../net/address';

/** Reusable field schemas: every string and number from outside has a bound. */

export const port = z
  .number({ error: 'The port must be a number' })
  .int('The port must be a whole number')
  .min(0, 'The port must be 0–65535')
  .max(65535, 'The port must be 0–65535');

export const host = z
  .string({ error: 'The host must be text' })
  .max(253, { message: 'The host is longer than 253 characters', abort: true })
  .superRefine((value, ctx) => {
    const problem = hostProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const id = z
  .string({ error: 'The id must be text' })
  .min(1, 'The id is empty')
  .max(64, 'The id is longer than 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'The id has characters other than letters, digits, - and _');

/** The largest single payload the bridge accepts (a file payload is read in main). */
export const MAX_SEND_BYTES = 64 * 1024 * 1024;

export const bytes = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, { error: 'The data must be bytes' })
  .refine((b) => b.byteLength <= MAX_SEND_BYTES, 'The data is larger than 64 MiB');

export const timeoutMs = z.number().int().min(1).max(600_000);

/** Microseconds since the epoch. */
export const micros = z.number().int().nonnegative();

/**
 * Connections the kernel may hold completed for a listener before it accepts
 * them (listen()'s backlog). Thousands of clients connecting at once overflow
 * a small queue, and each one dropped waits a second or more to try again.
 * Linux caps it at net.core.somaxconn (shown beside the listener).
 */
export const DEFAULT_LISTEN_BACKLOG = 4096;
export const listenBacklog = z
  .number({ error: 'The backlog must be a number' })
  .int('The backlog must be a whole number')
  .min(1, 'The backlog must be 1–65535')
  .max(65535, 'The backlog must be 1–65535');
