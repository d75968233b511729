import { z } from 'zod';
import { direction } from '../chunk';
import { id } from '../fields';
import { msg, says } from '../message';

/** The formats the Export button offers. */
export const exportFormat = z.enum(['text', 'csv', 'jsonl', 'pcapng']);
export type ExportFormat = z.infer<typeof exportFormat>;

/** The largest export answered in one reply; beyond it the user captures to disk instead. */
export const MAX_EXPORT_BYTES = 256 * 1024 * 1024;

const seq = z.number().int().nonnegative();

/**
 * Exporting a connection's log. It runs in the main process, from the
 * capture log itself (not from what a window happened to receive), and
 * answers with the file's bytes and a suggested name for the window to save.
 */
export const exportOperations = {
  exportLog: {
    request: z
      .strictObject({
        endpointId: id,
        format: exportFormat,
        /** Only this peer's chunks. */
        peerId: id.optional(),
        /** Only one direction. */
        dir: direction.optional(),
        /** Only chunks with fromSeq <= seq <= toSeq (a selection in the view). */
        fromSeq: seq.optional(),
        toSeq: seq.optional(),
        /** Local time (default) or UTC in text and CSV exports. */
        timeZone: z.enum(['local', 'utc']).default('local'),
      })
      .refine(
        (r) => r.fromSeq === undefined || r.toSeq === undefined || r.fromSeq <= r.toSeq,
        says(msg('field.selection-backwards', {})),
      ),
    result: z.strictObject({
      fileName: z.string(),
      mimeType: z.string(),
      /** Chunks written. */
      chunks: z.number(),
      data: z.custom<Uint8Array>((v) => v instanceof Uint8Array),
    }),
  },
} as const;
