import { z } from 'zod';
import { id } from './fields';
import { messageRef } from './message';

/** How a search or a filter in the main process is doing (log-page-ops.ts). */
export const scanStatus = z.strictObject({
  scanId: id,
  endpointId: id,
  /** `done`: a search covered everything held when it started; a filter caught up (and follows new rows). */
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  /** Work done and known so far, in `unit`: bytes for a search, rows for a filter. */
  unit: z.enum(['bytes', 'rows']),
  done: z.number(),
  total: z.number(),
  /** Matches (search) or matching rows (filter) held now. */
  found: z.number(),
  /** A search found more matches than it keeps (the first ones are kept). */
  truncated: z.boolean(),
  /** Why it failed (search.stopped). */
  error: messageRef.optional(),
});
export type ScanStatusInfo = z.infer<typeof scanStatus>;

/**
 * A search or filter's progress: sent only for one that runs longer than
 * 200 ms (then at most four a second), and always when it ends.
 */
export const logScanEvent = scanStatus.extend({ type: z.literal('log-scan') });
