import { randomBytes } from 'node:crypto';
import type { ComposeContext } from '../../../shared/payload/compose';

/** Bytes of chosen files by id, loaded before automation starts (the composer is synchronous). */
export type LoadedFiles = ReadonlyMap<string, Uint8Array>;

/**
 * What placeholders in an automated payload draw on, as Send's do: main's
 * clock and randomness, the files the person chose. Recomposed on every
 * send, so `{{timestamp}}` and `{{random:4}}` change each time.
 */
export function composeContext(files: LoadedFiles): Omit<ComposeContext, 'counter'> {
  // No nowMs: the composer then reads the clock at each compose.
  return {
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    file: (id) => files.get(id),
  };
}
