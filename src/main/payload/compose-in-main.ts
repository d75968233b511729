import { randomBytes } from 'node:crypto';
import { composePayload, type ComposeResult } from '../../shared/payload/compose';
import type { PayloadSpec } from '../../shared/payload/payload-spec';
import { EndpointError } from '../engine/system-errors';

/** Bytes of chosen files by id, loaded before composing (the composer is synchronous). */
export type LoadedFiles = ReadonlyMap<string, Uint8Array>;

/**
 * The payload as Send puts it on the wire, composed where the sockets and
 * the chosen files are. Randomness and the clock are main's own.
 */
export function composeInMain(
  spec: PayloadSpec,
  counter: number,
  files: LoadedFiles = new Map(),
): ComposeResult {
  return composePayload(spec, {
    counter,
    nowMs: Date.now(),
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    file: (id) => files.get(id),
  });
}

/** The composed bytes, or the first problem as a sentence (the editor shows them all). */
export function composedOrThrow(result: ComposeResult): Uint8Array {
  if (result.ok) return result.bytes;
  const first = result.issues[0]?.message ?? 'it has an error';
  const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more)` : '';
  throw new EndpointError(`The payload was not sent: ${first}${more}`, 'invalid-request');
}
