import { z } from 'zod';
import { DEFAULT_LISTEN_BACKLOG, host, id, listenBacklog, micros, port, timeoutMs } from './fields';
import { messageRef, msg, says } from './message';
import { udpDetails, udpSpec } from './udp';
import { relayEndpointInfo, relayPeerInfo, relaySpec } from './relay';
import { tlsClientSpec, tlsEndpointInfo, tlsServerSpec, tlsSessionInfo } from './tls';

/** What a user can open. Each kind's options are its own schema. */

export const tcpServerSpec = z.strictObject({
  kind: z.literal('tcp-server'),
  host,
  port,
  /** Let the system accept IPv4 on an IPv6 socket bound to `::`. */
  ipv6Only: z.boolean().default(false),
  backlog: listenBacklog.default(DEFAULT_LISTEN_BACKLOG),
});

export const tcpClientSpec = z.strictObject({
  kind: z.literal('tcp-client'),
  host,
  port: port.refine((p) => p > 0, says(msg('field.port-above-zero', {}))),
  timeoutMs: timeoutMs.default(5000),
  localAddress: host.optional(),
  localPort: port.optional(),
  noDelay: z.boolean().default(true),
  keepAlive: z.boolean().default(false),
  keepAliveDelayMs: z.number().int().min(0).max(86_400_000).default(10_000),
  /** When the peer goes away, dial again by itself with back-off until Close. */
  autoReconnect: z.boolean().default(false),
});

export const endpointSpec = z.discriminatedUnion('kind', [
  tcpServerSpec,
  tcpClientSpec,
  udpSpec,
  tlsClientSpec,
  tlsServerSpec,
  relaySpec,
]);

export type TcpServerSpec = z.infer<typeof tcpServerSpec>;
export type TcpClientSpec = z.infer<typeof tcpClientSpec>;
export type EndpointSpec = z.infer<typeof endpointSpec>;
/** What a form may send: defaults not yet applied. */
export type EndpointSpecInput = z.input<typeof endpointSpec>;
export type EndpointKind = EndpointSpec['kind'];

export const endpointState = z.enum([
  'listening',
  'connecting',
  'connected',
  /** The peer sent FIN; we may still send. */
  'half-closed',
  /** A client with autoReconnect lost its peer and waits for its next attempt. */
  'reconnecting',
  'closed',
  'failed',
]);
export type EndpointState = z.infer<typeof endpointState>;

export const counters = z.strictObject({
  rxBytes: z.number(),
  txBytes: z.number(),
  rxChunks: z.number(),
  txChunks: z.number(),
});
export type Counters = z.infer<typeof counters>;

export const peerInfo = z.strictObject({
  id,
  address: z.string(),
  port: z.number(),
  since: micros,
  state: z.enum(['connected', 'half-closed', 'closed']),
  counters,
  tls: tlsSessionInfo.optional(),
  relay: relayPeerInfo.optional(),
});
export type PeerInfo = z.infer<typeof peerInfo>;

/** A client waiting to dial again: which attempt comes next, and when. */
export const reconnectInfo = z.strictObject({
  /** The attempt that comes next, from 1 after each successful connection. */
  attempt: z.number().int().positive(),
  /** How long this wait is, as chosen when it began. */
  delayMs: z.number().int().nonnegative(),
  /** When the attempt is due (µs since the epoch, the engine's clock). */
  nextAt: micros,
});
export type ReconnectInfo = z.infer<typeof reconnectInfo>;

/**
 * An endpoint as windows are told of it: everything but its peers, which
 * travel as changes (`peers` events) and are listed whole by `listPeers`.
 */
export const endpointInfo = z.strictObject({
  id,
  spec: endpointSpec,
  state: endpointState,
  /** The address actually bound (port 0 becomes the chosen port). */
  local: z.strictObject({ address: z.string(), port: z.number() }).nullable(),
  /** The state line: how it connected, or the last failure or closing reason. */
  message: messageRef.nullable(),
  /** Peers it has now (their details arrive as `peers` events). */
  peerCount: z.number().int().nonnegative(),
  counters,
  openedAt: micros,
  /**
   * Listeners only: peers refused since it opened because the process was
   * (nearly) out of file descriptors. Each one got a connection closed at once.
   */
  refused: z.number().int().nonnegative().optional(),
  /**
   * Listeners only: the backlog asked of listen(), and the most the system
   * gives any listener (Linux: net.core.somaxconn; null where it does not say).
   */
  listen: z
    .strictObject({ backlog: z.number().int(), systemMax: z.number().int().nullable() })
    .optional(),
  /** UDP endpoints only: socket options, multicast groups, where a reply goes. */
  udp: udpDetails.optional(),
  tls: tlsEndpointInfo.optional(),
  relay: relayEndpointInfo.optional(),
  /** Present while the state is 'reconnecting'. */
  reconnect: reconnectInfo.optional(),
});
export type EndpointInfo = z.infer<typeof endpointInfo>;
/** An endpoint with its peers listed whole (the engine's own view; tests read it). */
export type EndpointWithPeers = EndpointInfo & { peers: PeerInfo[] };

export function emptyCounters(): Counters {
  return { rxBytes: 0, txBytes: 0, rxChunks: 0, txChunks: 0 };
}
