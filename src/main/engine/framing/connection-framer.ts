/**
 * One connection's chunks in, its messages out, in the main process: the
 * shared framer (src/shared/framing/message-framer.ts, the very code the
 * renderer ran) plus where each message lies in its stream. Received bytes
 * are cut per peer by the spec; a sent chunk is one message as written.
 *
 * Whoever needs messages in main uses this: the log's framed views
 * (capture/framed-view.ts) and the automation rules that answer a device
 * per message. Feed every chunk of the connection in order; for idle
 * framing, call flush() with the time now and then.
 */
import type { Direction } from '../../../shared/contract';
import { framingSpec, type FramingSpecInput } from '../../../shared/framing/framing-spec';
import {
  createMessageFramer,
  strippedBytes,
  type Message,
  type MessageFramer,
} from '../../../shared/framing/message-framer';

export interface FramedMessage extends Message {
  /**
   * Offset of the message's first byte in its stream (one direction of one
   * peer), counted from the first byte of that stream this framer was given.
   */
  streamStart: number;
  /** Stream bytes the message covers: its data, and a delimiter the spec strips. */
  span: number;
}

export type ConnectionFramer = MessageFramer<FramedMessage>;

/** Throws a ZodError (readable messages) for an invalid spec, as createFramer does. */
export function createConnectionFramer(input: FramingSpecInput): ConnectionFramer {
  const spec = framingSpec.parse(input);
  const framer = createMessageFramer(spec);
  const stripped = strippedBytes(spec);
  /** Per direction and peer: stream bytes already handed out in messages. */
  const positions: Record<Direction, Map<string, number>> = { rx: new Map(), tx: new Map() };

  const place = (messages: Message[]): FramedMessage[] =>
    messages.map((m) => {
      const lane = positions[m.dir];
      const streamStart = lane.get(m.peerId) ?? 0;
      // Only a well-formed received frame had a delimiter cut off its data.
      const cut = m.dir === 'rx' && m.error === undefined ? stripped : 0;
      const span = m.data.byteLength + cut;
      lane.set(m.peerId, streamStart + span);
      return Object.assign(m, { streamStart, span });
    });

  return {
    spec,
    push: (chunk) => place(framer.push(chunk)),
    flush: (now) => place(framer.flush(now)),
    pending: () => framer.pending(),
    forget: (peerId) => {
      framer.forget(peerId);
      positions.rx.delete(peerId);
      positions.tx.delete(peerId);
    },
  };
}
