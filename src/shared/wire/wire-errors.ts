/** The sentences of the wire itself, shared by both ends of every transport. */

/** A request that is not a message the wire can carry (or decode). */
export function malformedRequest(reason: string): string {
  return `Malformed request: ${reason}`;
}
