import { z } from 'zod';
import { chunk } from '../chunk';
import { id } from '../fields';

/** Reading the capture log, and the flow control of the live event stream. */
export const logOperations = {
  /** Read back what the capture log holds, e.g. after the window reloads. */
  readLog: {
    request: z.strictObject({
      endpointId: id,
      afterSeq: z.number().int().min(-1).default(-1),
      limit: z.number().int().min(1).max(100_000).default(10_000),
    }),
    result: z.strictObject({
      chunks: z.array(chunk),
      droppedChunks: z.number(),
      droppedBytes: z.number(),
    }),
  },
  /** The window has applied every event batch up to `seq` (flow control). */
  ackEvents: {
    request: z.strictObject({ seq: z.number().int().nonnegative() }),
    result: z.strictObject({}),
  },
} as const;
