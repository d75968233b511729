import { z } from 'zod';
import { isMulticastAddress } from '../net/address';
import { host, port } from './fields';
import { msg, says } from './message';

/** UDP: the spec of a bound socket, and what EndpointInfo says about it. */

/** Largest UDP payload: 65,535 minus the IP and UDP headers (IPv6's header is outside its length). */
export const MAX_DATAGRAM_IPV4 = 65_507;
export const MAX_DATAGRAM_IPV6 = 65_527;

export const remotePort = port.refine((p) => p > 0, says(msg('field.port-above-zero', {})));

/** TTL (IPv4) or hop limit (IPv6) of unicast datagrams: 0 would never leave the socket. */
export const unicastTtl = z.number().int().min(1).max(255);

/** Multicast TTL / hops: 0 keeps datagrams on this host. */
export const multicastTtl = z.number().int().min(0).max(255);

/**
 * A network interface as a person names it: its name (`lo`, `eth0`), one
 * of its IPv4 addresses, or an IPv6 scope (`::%lo`, `::%1`).
 */
export const networkInterface = z
  .string()
  .min(1)
  .max(64)
  .refine((s) => /^[A-Za-z0-9_.:%-]*$/.test(s), says(msg('field.interface-characters', {})));

export { isMulticastAddress };

export const multicastGroup = z
  .string()
  .max(64)
  .refine(isMulticastAddress, says(msg('field.multicast-group', {})));

export const membership = z.strictObject({
  group: multicastGroup,
  /** Empty: the system picks the interface. */
  iface: networkInterface.optional(),
});
export type Membership = z.infer<typeof membership>;

/**
 * SO_RCVBUF asked for a UDP socket: datagrams that arrive while the buffer
 * is full are dropped by the kernel. The system's default (~200 KiB on
 * Linux) drops a quarter of a loopback burst; a capture tool asks for more.
 * Linux grants at most net.core.rmem_max (and reports double what it keeps).
 */
export const DEFAULT_RECEIVE_BUFFER_BYTES = 8 * 1024 * 1024;
export const receiveBufferBytes = z
  .number()
  .int()
  .min(4096)
  .max(1024 * 1024 * 1024);

export const udpSpec = z.strictObject({
  kind: z.literal('udp'),
  /** The local address to bind: 0.0.0.0 or :: for every interface. */
  host,
  /** 0 lets the system choose; the chosen port is shown. */
  port,
  /** SO_REUSEADDR: share the port with other sockets (several multicast listeners). */
  reuseAddr: z.boolean().default(false),
  /** On `::`, refuse IPv4 (no v4-mapped addresses). */
  ipv6Only: z.boolean().default(false),
  /** Sending to a broadcast address needs this permission (SO_BROADCAST); off unless asked. */
  broadcast: z.boolean().default(false),
  /** Connected UDP: one fixed remote; ICMP port-unreachable then becomes visible. */
  connect: z.strictObject({ host, port: remotePort }).optional(),
  ttl: unicastTtl.optional(),
  multicastTtl: multicastTtl.optional(),
  multicastLoopback: z.boolean().optional(),
  multicastInterface: networkInterface.optional(),
  /** Groups joined as soon as the socket is bound. */
  groups: z.array(membership).max(32).default([]),
  /** SO_RCVBUF asked of the kernel (what it granted is in the details). */
  receiveBufferBytes: receiveBufferBytes.default(DEFAULT_RECEIVE_BUFFER_BYTES),
});
export type UdpSpec = z.infer<typeof udpSpec>;

export const udpDetails = z.strictObject({
  family: z.enum(['IPv4', 'IPv6']),
  broadcast: z.boolean(),
  ttl: z.number().nullable(),
  multicastTtl: z.number().nullable(),
  multicastLoopback: z.boolean().nullable(),
  multicastInterface: z.string().nullable(),
  memberships: z.array(z.strictObject({ group: z.string(), iface: z.string().nullable() })),
  /** Where a reply goes when no peer is named: the last sender. */
  lastSenderId: z.string().nullable(),
  connected: z.strictObject({ address: z.string(), port: z.number() }).nullable(),
  /** The largest datagram this socket can send (IPv4 or IPv6 limit). */
  maxDatagram: z.number(),
  /** Peers forgotten because the table was full (a flood from many ports). */
  forgottenPeers: z.number(),
  /**
   * The receive buffer asked (SO_RCVBUF) and what the kernel reports it
   * granted (getsockopt; Linux reports double what it was asked, capped at
   * twice net.core.rmem_max); granted is null while the socket is not bound.
   */
  receiveBuffer: z.strictObject({ asked: z.number(), granted: z.number().nullable() }),
  /**
   * Datagrams the kernel dropped because this socket's receive buffer was
   * full (Linux: the `drops` column of /proc/net/udp for its socket), since
   * the endpoint opened; null where the system does not say.
   */
  kernelDrops: z.number().int().nonnegative().nullable(),
});
export type UdpDetails = z.infer<typeof udpDetails>;

export const networkInterfaceInfo = z.strictObject({
  name: z.string(),
  address: z.string(),
  family: z.enum(['IPv4', 'IPv6']),
  internal: z.boolean(),
  netmask: z.string(),
  /** What to give as the interface of an IPv6 multicast membership (`::%lo`). */
  scope: z.string(),
});
export type NetworkInterfaceInfo = z.infer<typeof networkInterfaceInfo>;
