import {
  CHECKSUMS,
  checksumBytes,
  type ByteOrder,
  type ChecksumAlgorithm,
  type ChecksumId,
} from '../payload/checksums/catalogue';
import type { ChecksumSpec } from '../payload/payload-spec';

/**
 * Which of the catalogue's checksums, if any, explains the last bytes of
 * every message: computed over everything before them, in either byte order.
 * One protocol uses one checksum, so the question is asked of all the
 * messages at once, never of one message alone.
 *
 * It takes two different messages to count: a one-byte checksum agrees with
 * a random byte once in 256, and the sums agree with short runs of small
 * numbers far more often than that (SUM-16 explains `01 02 03 00`). Wider
 * checksums are tried first, each in its usual byte order first, then in
 * catalogue order.
 */

export interface TrailingChecksum {
  id: ChecksumId;
  order: ByteOrder;
  width: number;
}

function candidates(): TrailingChecksum[] {
  const byWidth = [...CHECKSUMS].sort((a, b) => b.width - a.width);
  const out: TrailingChecksum[] = [];
  const orders = (a: ChecksumAlgorithm): ByteOrder[] =>
    a.width === 1 ? [a.defaultOrder] : [a.defaultOrder, a.defaultOrder === 'be' ? 'le' : 'be'];
  for (const a of byWidth)
    for (const order of orders(a)) out.push({ id: a.id, order, width: a.width });
  return out;
}

const CANDIDATES = candidates();

function explains(c: TrailingChecksum, message: Uint8Array): boolean {
  if (message.length <= c.width) return false;
  const body = message.subarray(0, message.length - c.width);
  const sum = checksumBytes(c.id, body, c.order);
  for (let k = 0; k < c.width; k++) if (message[body.length + k] !== sum[k]) return false;
  return true;
}

function distinctCount(messages: Uint8Array[]): number {
  const seen = new Set<string>();
  for (const m of messages) seen.add(Array.prototype.join.call(m, ','));
  return seen.size;
}

/** Every checksum that explains all the messages, most likely first. */
export function explainingChecksums(messages: Uint8Array[]): TrailingChecksum[] {
  if (messages.length === 0) return [];
  const distinct = distinctCount(messages);
  return CANDIDATES.filter((c) => distinct >= 2 && messages.every((m) => explains(c, m)));
}

/** The checksum that explains all the messages, or null when none does. */
export function detectTrailingChecksum(messages: Uint8Array[]): TrailingChecksum | null {
  return explainingChecksums(messages)[0] ?? null;
}

/** The payload editor's checksum option that appends `c` over the whole body. */
export function checksumOption(c: TrailingChecksum | null): ChecksumSpec {
  return {
    id: c ? c.id : 'none',
    order: c ? c.order : 'be',
    from: 0,
    to: null,
    beforeLineEnding: true,
    format: 'binary',
  };
}
