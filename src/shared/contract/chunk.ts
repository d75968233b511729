import { z } from 'zod';
import { chunkOrigin } from './automation';
import { bytes, id, micros } from './fields';

export const direction = z.enum(['rx', 'tx']);
export type Direction = z.infer<typeof direction>;

/** One read or one write, exactly as it crossed the socket. */
export const chunk = z.strictObject({
  /** Increases by one per chunk across the whole capture log. */
  seq: z.number().int().nonnegative(),
  endpointId: id,
  peerId: id,
  dir: direction,
  time: micros,
  data: bytes,
  /** Sent by automation (an auto-reply rule, a periodic send, a sequence), not by a person. */
  origin: chunkOrigin.optional(),
});
export type Chunk = z.infer<typeof chunk>;
