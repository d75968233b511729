import { z } from 'zod';
import { payloadSpecSchema } from '../../payload/payload-spec';
import { host, id } from '../fields';
import { messageRef } from '../message';
import { remotePort } from '../udp';

/**
 * Sending a payload as the editor holds it: the main process composes the
 * bytes (so `{{file:…}}` bytes never cross the bridge twice and a 64 MiB
 * send is not copied through the renderer) and reports progress.
 */

/** The value `{{counter}}` shows in this send; the renderer counts sends per connection. */
export const payloadCounter = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0);

export const payloadOperations = {
  /**
   * Composes `spec` in main (counter from the request; timestamp, random and
   * files from main) and sends it. `sendId` tags this send's `send-progress` events.
   */
  sendPayload: {
    request: z.strictObject({
      endpointId: id,
      /** One peer's id, 'all' peers of a server, or omitted for the only peer. */
      peerId: z.union([id, z.literal('all')]).optional(),
      spec: payloadSpecSchema,
      counter: payloadCounter,
      sendId: id.optional(),
      /** UDP only: the datagram's destination (else the connected remote or the last sender). */
      to: z.strictObject({ host, port: remotePort }).optional(),
    }),
    result: z.strictObject({
      /** Bytes handed to the kernel over all peers. */
      bytes: z.number(),
      peers: z.number(),
      /** The length of the composed payload (once). */
      payloadBytes: z.number(),
      /**
       * Only when the send was cancelled: how far it got (send.cancelled).
       * `bytes` is then what had reached the kernel; the rest was not sent.
       */
      cancelled: messageRef.optional(),
    }),
  },
  /**
   * Cancels a running `sendPayload` by its `sendId` (from any window). The
   * send stops between slices and resolves with `cancelled`; the connection
   * stays open. False when no send by that id is running (it may have ended).
   */
  cancelSend: {
    request: z.strictObject({ sendId: id }),
    result: z.strictObject({ cancelled: z.boolean() }),
  },
} as const;
