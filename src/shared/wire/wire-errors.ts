/** The sentences of the wire itself, shared by both ends of every transport. */

/** A request that is not a message the wire can carry (or decode). */
export function malformedRequest(reason: string): string {
  return `Malformed request: ${reason}`;
}

/** What arrived where an encoded request belongs was something else. */
export function notAMessage(): string {
  return 'the request is not an encoded message';
}

/** A request message past MAX_REQUEST_MESSAGE_BYTES (the WebSocket closes on one; IPC says this). */
export function requestTooLarge(bytes: number): string {
  return `the request is ${(bytes / 1024 / 1024).toFixed(1)} MiB, more than a request may carry (65 MiB)`;
}
