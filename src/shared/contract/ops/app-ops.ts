import { z } from 'zod';

/** What the window needs to know about the process it talks to. */
export const appOperations = {
  appInfo: {
    request: z.strictObject({}),
    result: z.strictObject({
      version: z.string(),
      mode: z.enum(['electron', 'browser']),
      logBudgetBytes: z.number(),
      platform: z.string(),
    }),
  },
} as const;
