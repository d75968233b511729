import { createHash } from 'node:crypto';

/** The hex SHA-256 of some bytes, or of several pieces taken in order as one stream. */
export function sha256(data: Uint8Array | Iterable<Uint8Array>): string {
  const hash = createHash('sha256');
  if (data instanceof Uint8Array) hash.update(data);
  else for (const part of data) hash.update(part);
  return hash.digest('hex');
}
