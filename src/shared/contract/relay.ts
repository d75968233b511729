import { z } from 'zod';
import { host, port, timeoutMs } from './fields';
import { msg, says } from './message';
import { serverCertificate } from './tls';

/**
 * The relay: it listens where a device connects, dials the device's real
 * server, and passes bytes both ways while the user watches and disturbs.
 * In the log, 'rx' is device → server and 'tx' is server → device.
 */

export const relayDirection = z.enum(['device-to-server', 'server-to-device']);
export type RelayDirection = z.infer<typeof relayDirection>;

export { RELAY_LOG_LABELS } from './relay-labels';

export const relaySpec = z.strictObject({
  kind: z.literal('relay'),
  /** How the device reaches us: plain TCP, TLS that we terminate, or UDP. */
  mode: z.enum(['tcp', 'tls', 'udp']).default('tcp'),
  host,
  port,
  targetHost: host,
  targetPort: port.refine((p) => p > 0, says(msg('field.port-above-zero', {}))),
  timeoutMs: timeoutMs.default(5000),
  /** For mode 'tls': the certificate the device is shown. */
  certificate: serverCertificate.optional(),
  /**
   * For mode 'udp': a device's session (and its socket toward the target)
   * ends after this long with no datagram either way.
   */
  idleTimeoutMs: z.number().int().min(1000).max(86_400_000).default(120_000),
});
export type RelaySpec = z.infer<typeof relaySpec>;

export const splitMode = z.enum(['none', 'pieces', 'bytes']);

/** What one direction suffers; every field switchable while bytes flow. */
/** Each disturbance's range, without defaults, so a live change names only what it changes. */
const disturbanceFields = {
  /** Hold every chunk this long before passing it on. */
  latencyMs: z.number().int().min(0).max(60_000),
  /** TCP: hold everything (and stop reading) until switched off. */
  stall: z.boolean(),
  /** UDP: this percentage of datagrams is never passed on. */
  dropPercent: z.number().min(0).max(100),
  split: splitMode,
  /** For split 'pieces': each write becomes this many writes. */
  pieces: z.number().int().min(2).max(1024),
  /** Pause between the pieces of a split write, so they leave as separate segments. */
  pieceGapMs: z.number().int().min(0).max(10_000),
};

export const disturbance = z.strictObject({
  latencyMs: disturbanceFields.latencyMs.default(0),
  stall: disturbanceFields.stall.default(false),
  dropPercent: disturbanceFields.dropPercent.default(0),
  split: disturbanceFields.split.default('none'),
  pieces: disturbanceFields.pieces.default(2),
  pieceGapMs: disturbanceFields.pieceGapMs.default(5),
});

/**
 * A live change: only the fields given. (zod 4 applies defaults even inside
 * .partial(), which reset every other disturbance on each change.)
 */
export const disturbanceChange = z.strictObject(disturbanceFields).partial();
export type Disturbance = z.infer<typeof disturbance>;

export const NO_DISTURBANCE: Disturbance = {
  latencyMs: 0,
  stall: false,
  dropPercent: 0,
  split: 'none',
  pieces: 2,
  pieceGapMs: 5,
};

const perDirection = z.strictObject({
  'device-to-server': z.number(),
  'server-to-device': z.number(),
});

export const relayEndpointInfo = z.strictObject({
  target: z.string(),
  disturbances: z.strictObject({
    'device-to-server': disturbance,
    'server-to-device': disturbance,
  }),
  /** Datagrams or bytes not passed on, by direction. */
  dropped: perDirection,
  /** Mode 'udp' only: the sessions and the queues that hold delayed datagrams. */
  udp: z
    .strictObject({
      sessions: z.number(),
      /** At most this many devices at once; the least recently active makes room. */
      maxSessions: z.number(),
      /** A session ends after this long with no datagram either way. */
      idleTimeoutMs: z.number(),
      /** Sessions ended for idleness or to make room for a new device. */
      expired: z.number(),
      /** Bytes a direction may hold while datagrams wait out latency and gaps. */
      queueLimitBytes: z.number(),
      /** Bytes waiting now, by direction. */
      queuedBytes: perDirection,
      /** Datagrams dropped because their direction's queue was full (also in `dropped`). */
      queueFull: perDirection,
    })
    .optional(),
});
export type RelayEndpointInfo = z.infer<typeof relayEndpointInfo>;

/** The server-side leg of one relayed conversation. */
export const relayPeerInfo = z.strictObject({
  upstream: z.strictObject({ address: z.string(), port: z.number() }).nullable(),
  upstreamState: z.enum(['connecting', 'connected', 'half-closed', 'closed', 'failed']),
});
export type RelayPeerInfo = z.infer<typeof relayPeerInfo>;
