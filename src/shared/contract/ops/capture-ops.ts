import { z } from 'zod';
import { id } from '../fields';

/** The capture log's budget may be set from 1 MiB to 16 GiB. */
export const MIN_LOG_BUDGET_BYTES = 1024 * 1024;
export const MAX_LOG_BUDGET_BYTES = 16 * 1024 * 1024 * 1024;

const evictedCount = z.strictObject({ endpointId: id, chunks: z.number(), bytes: z.number() });

export const logStatus = z.strictObject({
  budgetBytes: z.number(),
  /** Bytes the log accounts for (payload plus a fixed bookkeeping cost per chunk). */
  usedBytes: z.number(),
  /** Chunks the log holds now. */
  chunks: z.number(),
  /** Evicted to stay within the budget, per connection, since it opened. */
  evicted: z.array(evictedCount),
});
export type LogStatus = z.infer<typeof logStatus>;

/** The capture log's budget and what it holds. */
export const captureOperations = {
  setLogBudget: {
    request: z.strictObject({
      bytes: z
        .number({ error: 'The budget must be a number of bytes' })
        .int('The budget must be a whole number of bytes')
        .min(MIN_LOG_BUDGET_BYTES, 'The capture log needs a budget of at least 1 MiB')
        .max(MAX_LOG_BUDGET_BYTES, 'The capture log budget can be at most 16 GiB'),
    }),
    result: logStatus,
  },
  logStatus: {
    request: z.strictObject({}),
    result: logStatus,
  },
} as const;
