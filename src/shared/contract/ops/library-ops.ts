import { z } from 'zod';
import { payloadSpecSchema } from '../../payload/payload-spec';
import { id } from '../fields';
import { messageRef } from '../message';
import {
  libraryItem,
  libraryItemName,
  payloadItem,
  sequenceItem,
  sequenceScript,
} from '../library';

/** An exported library can hold many 4 MB sources; past this it is not one of ours. */
export const MAX_LIBRARY_JSON_CHARS = 32 * 1024 * 1024;

const listResult = z.strictObject({
  items: z.array(libraryItem),
  /**
   * What to tell the user when the saved library could not be read and was
   * set aside (said once, on the first listing after start).
   */
  notice: messageRef.nullable(),
});

/**
 * The payload library: saved payloads, persisted by the main process in its
 * own data directory. Import and export carry the file's text, never a path:
 * the renderer reads and writes files only through the user's own picker.
 */
export const libraryOperations = {
  listLibrary: { request: z.strictObject({}), result: listResult },
  /** Saves a new payload, or replaces the spec (and name) of the one with `id`. */
  saveLibraryItem: {
    request: z.strictObject({ id: id.optional(), name: libraryItemName, spec: payloadSpecSchema }),
    result: payloadItem,
  },
  /** Saves a new sequence, or replaces the script (and name) of the one with `id`. */
  saveSequence: {
    request: z.strictObject({ id: id.optional(), name: libraryItemName, script: sequenceScript }),
    result: sequenceItem,
  },
  renameLibraryItem: {
    request: z.strictObject({ id, name: libraryItemName }),
    result: libraryItem,
  },
  duplicateLibraryItem: { request: z.strictObject({ id }), result: libraryItem },
  deleteLibraryItem: {
    request: z.strictObject({ id }),
    result: z.strictObject({ deleted: z.boolean() }),
  },
  /** Adds every item of an exported library (the text of the file the user chose). */
  importLibrary: {
    request: z.strictObject({
      json: z.string().max(MAX_LIBRARY_JSON_CHARS),
    }),
    result: z.strictObject({ added: z.number().int(), items: z.array(libraryItem) }),
  },
  /** The whole library as the JSON text of a file, for the renderer to offer as a download. */
  exportLibrary: {
    request: z.strictObject({}),
    result: z.strictObject({ json: z.string(), count: z.number().int() }),
  },
} as const;
