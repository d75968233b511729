import { msg, type MessageRef } from '../messages/catalogue';
import { MAX_REQUEST_MESSAGE_BYTES } from './limits';
import { WireError } from './wire-error';

/** What the wire says, shared by both ends of every transport: catalogue messages (wire.*). */

/** Why a request that did not decode was refused: the wire's reason, or the decoder's own words. */
export function malformedRequest(err: unknown): MessageRef {
  const reason =
    err instanceof WireError
      ? err.ref
      : msg('wire.bad-json', { detail: err instanceof Error ? err.message : String(err) });
  return msg('request.malformed', { reason });
}

/** What arrived where an encoded request belongs was something else. */
export function notAMessage(): WireError {
  return new WireError(msg('wire.not-a-message', {}));
}

/** A request message past MAX_REQUEST_MESSAGE_BYTES (the WebSocket closes on one; IPC says this). */
export function requestTooLarge(bytes: number): WireError {
  return new WireError(msg('wire.too-large', { size: bytes, max: MAX_REQUEST_MESSAGE_BYTES }));
}

/** A request the page could not even encode (a cycle, a BigInt): the page's mistake. */
export function unencodable(err: unknown): MessageRef {
  const detail = err instanceof Error ? err.message : String(err);
  return msg('request.malformed', { reason: msg('wire.unencodable', { detail }) });
}
