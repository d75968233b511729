import { z } from 'zod';
import { payloadSpecSchema } from '../payload/payload-spec';
import { id, micros } from './fields';

/**
 * The payload library as it is saved on disk and exported to a file: a
 * versioned document, so a later Wirebench can migrate an older one and an
 * older one can refuse a newer one instead of misreading it.
 */
export const LIBRARY_VERSION = 1;
export const MAX_LIBRARY_ITEMS = 10_000;
export const MAX_ITEM_NAME_CHARS = 200;

export const libraryItemName = z.string().trim().min(1).max(MAX_ITEM_NAME_CHARS);

export const libraryItem = z.strictObject({
  id,
  name: libraryItemName,
  spec: payloadSpecSchema,
  /** Microseconds since the epoch. */
  createdAt: micros,
  updatedAt: micros,
});
export type LibraryItem = z.infer<typeof libraryItem>;

export const libraryDocument = z.strictObject({
  version: z.literal(LIBRARY_VERSION),
  items: z.array(libraryItem).max(MAX_LIBRARY_ITEMS),
});
export type LibraryDocument = z.infer<typeof libraryDocument>;
