import { z } from 'zod';
import { hostProblem } from '../net/address';
import { msg, says } from './message';

/**
 * Reusable field schemas: every string and number from outside has a bound.
 * Built-in checks carry no words of ours (the window says them with zod's
 * locale, naming the field); a refinement says its own through the catalogue.
 */

export const port = z.number().int().min(0).max(65535);

export const host = z
  .string()
  .max(253, { abort: true })
  .superRefine((value, ctx) => {
    const problem = hostProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', ...says(problem) });
  });

export const id = z
  .string()
  .min(1)
  .max(64)
  .refine((s) => /^[A-Za-z0-9_-]*$/.test(s), says(msg('field.id-characters', {})));

/** The largest single payload the bridge accepts (a file payload is read in main). */
export const MAX_SEND_BYTES = 64 * 1024 * 1024;

export const bytes = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, says(msg('field.not-bytes', {})))
  .refine(
    (b) => b.byteLength <= MAX_SEND_BYTES,
    says(msg('field.bytes-too-big', { max: MAX_SEND_BYTES })),
  );

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
export const listenBacklog = z.number().int().min(1).max(65535);
