import { z } from 'zod';
import { autoReplyStatus, periodicStatus, sequenceStatus } from './automation';
import { chunk } from './chunk';
import { endpointInfo, peerInfo } from './endpoint';
import { id } from './fields';
import { logScanEvent } from './log-scan';
import { messageRef } from './message';

/** What the main process tells the windows, unasked. */

export const endpointEvent = z.strictObject({
  type: z.literal('endpoint'),
  endpoint: endpointInfo,
});

/**
 * What changed among one endpoint's peers since this window last heard:
 * peers that came or whose state or counters moved (whole), and the ids of
 * peers that left. `full`: the window's list is replaced by `changed` (the
 * first time it hears of the endpoint, or when it fell too far behind);
 * a long list comes over several batches, the first of them `full`.
 */
export const peersEvent = z.strictObject({
  type: z.literal('peers'),
  endpointId: id,
  full: z.boolean(),
  changed: z.array(peerInfo),
  removed: z.array(id),
});

export const endpointRemovedEvent = z.strictObject({
  type: z.literal('endpoint-removed'),
  endpointId: id,
});

export const chunksEvent = z.strictObject({
  type: z.literal('chunks'),
  chunks: z.array(chunk),
});

/**
 * Chunks that were captured but not delivered to this window because it was
 * behind (flow control); they stay in the capture log and in the counters.
 */
export const skippedEvent = z.strictObject({
  type: z.literal('skipped'),
  endpointId: id,
  chunks: z.number(),
  bytes: z.number(),
});

/** The capture log evicted its oldest chunks to stay within its budget. */
export const evictedEvent = z.strictObject({
  type: z.literal('evicted'),
  endpointId: id,
  chunks: z.number(),
  bytes: z.number(),
});

export const noticeEvent = z.strictObject({
  type: z.literal('notice'),
  level: z.enum(['info', 'warning', 'error']),
  endpointId: id.nullable(),
  message: messageRef,
});

/**
 * How far a send has got: bytes handed to the kernel over all its peers.
 * Sent every few hundred KiB while it runs, and once with done when it ends.
 */
export const sendProgressEvent = z.strictObject({
  type: z.literal('send-progress'),
  endpointId: id,
  sendId: id,
  sent: z.number(),
  total: z.number(),
  done: z.boolean(),
});

/** How a connection's periodic send is doing (the whole status, each time). */
export const periodicEvent = z.strictObject({
  type: z.literal('periodic'),
  endpointId: id,
  status: periodicStatus,
});

/** A connection's auto-reply: on or off, hits per rule, rules that cannot run. */
export const autoReplyEvent = z.strictObject({
  type: z.literal('auto-reply'),
  endpointId: id,
  status: autoReplyStatus,
});

/** A sequence run: every step's state, and how it ended. */
export const sequenceEvent = z.strictObject({
  type: z.literal('sequence'),
  endpointId: id,
  status: sequenceStatus,
});

/** Events that carry a whole status: a newer one replaces an older one not yet delivered. */
export const LATEST_WINS_EVENTS = ['periodic', 'auto-reply', 'sequence'] as const;

export const wirebenchEvent = z.discriminatedUnion('type', [
  endpointEvent,
  peersEvent,
  endpointRemovedEvent,
  chunksEvent,
  skippedEvent,
  evictedEvent,
  noticeEvent,
  sendProgressEvent,
  periodicEvent,
  autoReplyEvent,
  sequenceEvent,
  logScanEvent,
]);
export type WirebenchEvent = z.infer<typeof wirebenchEvent>;
export type EventType = WirebenchEvent['type'];
export type EventOf<T extends EventType> = Extract<WirebenchEvent, { type: T }>;

/** Events travel in batches; the window acknowledges each batch's seq. */
export const eventBatch = z.strictObject({
  seq: z.number().int().nonnegative(),
  events: z.array(wirebenchEvent),
});
export type EventBatch = z.infer<typeof eventBatch>;
