import { z } from 'zod';
import { id } from '../fields';
import { messageRef } from '../message';

/** The capture log's budget may be asked from 1 MiB to 16 GiB (the machine may give less). */
export const MIN_LOG_BUDGET_BYTES = 1024 * 1024;
export const MAX_LOG_BUDGET_BYTES = 16 * 1024 * 1024 * 1024;

/** One connection's capture to disk, as the window shows it. */
export const captureFileStatus = z.strictObject({
  endpointId: id,
  /** Chosen by the main process under its captures directory, never by a window. */
  path: z.string(),
  format: z.literal('pcapng'),
  active: z.boolean(),
  /** Chunks and payload bytes in the file: counted when their write completed, not when queued. */
  chunks: z.number(),
  payloadBytes: z.number(),
  /** The file's size on disk (headers and synthesized packet framing included). */
  fileBytes: z.number(),
  /** Not written because the disk fell behind (memory stays bounded); still counted. */
  missedChunks: z.number(),
  missedBytes: z.number(),
  /** Why writing failed (the capture stopped), else null. */
  error: messageRef.nullable(),
});
export type CaptureFileStatus = z.infer<typeof captureFileStatus>;

const evictedCount = z.strictObject({ endpointId: id, chunks: z.number(), bytes: z.number() });

export const logStatus = z.strictObject({
  budgetBytes: z.number(),
  /** The most this machine gives the log (half its memory); a larger budget is clamped to it. */
  budgetLimitBytes: z.number(),
  /** From setLogBudget: the budget asked was clamped, and to what. */
  clamped: messageRef.optional(),
  /** Bytes the log accounts for (payload plus a fixed bookkeeping cost per chunk). */
  usedBytes: z.number(),
  /** Chunks the log holds now. */
  chunks: z.number(),
  /** Evicted to stay within the budget, per connection, since it opened. */
  evicted: z.array(evictedCount),
  capturesDir: z.string(),
  captures: z.array(captureFileStatus),
});
export type LogStatus = z.infer<typeof logStatus>;

/** The capture log's budget, and capture to disk per connection. */
export const captureOperations = {
  setLogBudget: {
    request: z.strictObject({
      bytes: z.number().int().min(MIN_LOG_BUDGET_BYTES).max(MAX_LOG_BUDGET_BYTES),
    }),
    result: logStatus,
  },
  logStatus: {
    request: z.strictObject({}),
    result: logStatus,
  },
  /** Streams every chunk of a connection, from now on, to a new pcapng file. */
  startCapture: {
    request: z.strictObject({ endpointId: id }),
    result: captureFileStatus,
  },
  /** Stops and closes the file once everything is on disk. */
  stopCapture: {
    request: z.strictObject({ endpointId: id }),
    result: captureFileStatus,
  },
} as const;
