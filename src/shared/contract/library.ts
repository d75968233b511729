import { z } from 'zod';
import { payloadSpecSchema } from '../payload/payload-spec';
import { MAX_SCRIPT_CHARS } from './automation';
import { id, micros } from './fields';

/**
 * The library as it is saved on disk and exported to a file: a versioned
 * document, so a later Wirebench can migrate an older one and an older one
 * can refuse a newer one instead of misreading it.
 *
 * Version 2 holds payloads and sequences, each item with its `kind`.
 * Version 1 held payloads only, without a kind; it is read and migrated
 * (migrateLibraryDocument), and written back as version 2 on the next save.
 */
export const LIBRARY_VERSION = 2;
export const MAX_LIBRARY_ITEMS = 10_000;
export const MAX_ITEM_NAME_CHARS = 200;

export const libraryItemName = z.string().trim().min(1).max(MAX_ITEM_NAME_CHARS);

const itemBase = {
  id,
  name: libraryItemName,
  /** Microseconds since the epoch. */
  createdAt: micros,
  updatedAt: micros,
};

export const payloadItem = z.strictObject({
  kind: z.literal('payload'),
  ...itemBase,
  spec: payloadSpecSchema,
});
export type PayloadItem = z.infer<typeof payloadItem>;

export const sequenceScript = z.string().max(MAX_SCRIPT_CHARS);

export const sequenceItem = z.strictObject({
  kind: z.literal('sequence'),
  ...itemBase,
  script: sequenceScript,
});
export type SequenceItem = z.infer<typeof sequenceItem>;

export const libraryItem = z.discriminatedUnion('kind', [payloadItem, sequenceItem]);
export type LibraryItem = z.infer<typeof libraryItem>;

const items = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_LIBRARY_ITEMS);

export const libraryDocument = z.strictObject({
  version: z.literal(LIBRARY_VERSION),
  items: items(libraryItem),
});
export type LibraryDocument = z.infer<typeof libraryDocument>;

/** The first format: payloads only, no kind. */
const libraryDocumentV1 = z.strictObject({
  version: z.literal(1),
  items: items(payloadItem.omit({ kind: true })),
});

/**
 * A document of any version this build reads, as the current version; the
 * current version's own errors when it is none of them.
 */
export function migrateLibraryDocument(raw: unknown): z.ZodSafeParseResult<LibraryDocument> {
  const version = (raw as { version?: unknown } | null)?.version;
  if (version === 1) {
    const old = libraryDocumentV1.safeParse(raw, { reportInput: true });
    if (!old.success) return old as z.ZodSafeParseResult<never>;
    const migrated: LibraryDocument = {
      version: LIBRARY_VERSION,
      items: old.data.items.map((item) => ({ kind: 'payload', ...item })),
    };
    return { success: true, data: migrated };
  }
  return libraryDocument.safeParse(raw, { reportInput: true });
}
