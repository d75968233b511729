import { z } from 'zod';
import { payloadSpecSchema } from '../../payload/payload-spec';
import { bytes, id } from '../fields';
import { messageRef } from '../message';
import { payloadCounter } from './payload-ops';

/**
 * Files for `{{file:ID}}` placeholders and the exact-bytes preview of a
 * payload that refers to them. A file's bytes cross the bridge at most once
 * (the browser mode uploads them; the desktop app reads them in main from a
 * path its own dialog returned) and never come back whole.
 */

/** What the editor shows of a file: its name, size and first bytes. */
export const payloadFileInfo = z.strictObject({
  id,
  name: z.string().max(255),
  size: z.number().int().nonnegative(),
  head: bytes,
});
export type PayloadFileInfoView = z.infer<typeof payloadFileInfo>;

const payloadIssue = z.strictObject({
  message: messageRef,
  start: z.number().int(),
  end: z.number().int(),
  field: z.literal('checksum').optional(),
});

const payloadPart = z.strictObject({
  kind: z.enum(['body', 'line-ending', 'checksum']),
  start: z.number().int(),
  end: z.number().int(),
});

/** The first bytes of a payload and its last ones, with the appended parts marked. */
export const payloadPreview = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    length: z.number().int().nonnegative(),
    head: bytes,
    tailOffset: z.number().int().nonnegative(),
    tail: bytes,
    parts: z.array(payloadPart),
    placeholders: z.array(z.strictObject({ start: z.number().int(), end: z.number().int() })),
  }),
  z.strictObject({ ok: z.literal(false), issues: z.array(payloadIssue) }),
]);

export const payloadFileOperations = {
  /** Desktop app: the system's file dialog, in main; null when the user cancels. */
  pickPayloadFile: { request: z.strictObject({}), result: payloadFileInfo.nullable() },
  /** Browser mode: the bytes of a file the user chose with the page's file picker. */
  registerPayloadFile: {
    request: z.strictObject({
      name: z.string().min(1).max(255),
      data: bytes,
    }),
    result: payloadFileInfo,
  },
  describePayloadFile: { request: z.strictObject({ id }), result: payloadFileInfo.nullable() },
  /** Exact bytes of a payload whose files only main holds (head and tail). */
  previewPayload: {
    request: z.strictObject({ spec: payloadSpecSchema, counter: payloadCounter }),
    result: payloadPreview,
  },
} as const;
