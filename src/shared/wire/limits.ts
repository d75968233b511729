import { MAX_SEND_BYTES } from '../contract/fields';

/**
 * The largest request message either transport accepts: the largest payload
 * a request may carry, plus room for the rest of it. Larger is refused
 * before it is decoded.
 */
export const MAX_REQUEST_MESSAGE_BYTES = MAX_SEND_BYTES + 1024 * 1024;
