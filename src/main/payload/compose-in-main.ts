import { randomBytes } from 'node:crypto';
import {
  composePayload,
  listFileIds,
  payloadSizeIssue,
  type ComposeResult,
} from '../../shared/payload/compose';
import { msg } from '../../shared/messages/catalogue';
import type { PayloadSpec } from '../../shared/payload/payload-spec';
import { EndpointError } from '../engine/system-errors';
import type { PayloadFileRegistry } from './file-registry';

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

/**
 * Reads the payload's files and composes it. Its size is measured first,
 * from the files' sizes and the placeholders' lengths, so a payload past
 * 64 MiB is refused before a file is read or a random byte is made.
 * `files` is asked for only when the payload names a file.
 */
export async function composeWithFiles(
  spec: PayloadSpec,
  counter: number,
  files: () => PayloadFileRegistry,
): Promise<ComposeResult> {
  const ids = listFileIds(spec);
  const registry = ids.length > 0 ? files() : null;
  const tooBig = payloadSizeIssue(spec, {
    counter,
    nowMs: Date.now(),
    fileSize: (id) => registry?.describe(id)?.size,
  });
  if (tooBig) return { ok: false, issues: [tooBig] };
  const loaded = registry ? await registry.load(ids) : new Map<string, Uint8Array>();
  return composeInMain(spec, counter, loaded);
}

/** The composed bytes, or the first problem (the editor shows them all). */
export function composedOrThrow(result: ComposeResult): Uint8Array {
  if (result.ok) return result.bytes;
  const [first, ...rest] = result.issues.map((i) => i.message);
  if (!first) throw new Error('the payload failed to compose without saying why');
  const ref =
    rest.length > 0
      ? msg('payload.not-sent-more', { first, more: rest.length })
      : msg('payload.not-sent', { first });
  throw new EndpointError(ref, 'invalid-request');
}
