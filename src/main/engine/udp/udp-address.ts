import type dgram from 'node:dgram';
import dns from 'node:dns';
import { msg } from '../../../shared/messages/catalogue';
import { isIPv4, isIPv6, mappedIPv4 } from '../../../shared/net/address';
import { EndpointError, describeSocketError } from '../system-errors';
import type { Family } from './udp-options';

/** Where a datagram goes, as the socket API wants it. */
export interface Destination {
  address: string;
  port: number;
}

/** An address for a host: literals as they are, names through the system resolver. */
export async function lookup(
  host: string,
  family: 0 | 4,
  action: 'bind' | 'send',
  port: number,
): Promise<{ address: string; family: Family }> {
  if (isIPv4(host)) return { address: host, family: 'IPv4' };
  if (isIPv6(host)) return { address: host, family: 'IPv6' };
  try {
    const found = await dns.promises.lookup(host, { family });
    return { address: found.address, family: found.family === 6 ? 'IPv6' : 'IPv4' };
  } catch (err) {
    throw new EndpointError(describeSocketError(err, { action, host, port }));
  }
}

/** Binds; a refusal (port in use, address not here) becomes a message naming `shown`. */
export function bindSocket(
  socket: dgram.Socket,
  address: string,
  port: number,
  shown: string,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (err: Error): void =>
      reject(new EndpointError(describeSocketError(err, { action: 'bind', host: shown, port })));
    socket.once('error', onError);
    socket.bind({ address, port, exclusive: true }, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}

/** Connects to `to` (looked up already); a refusal becomes a message naming `target` as typed. */
export function connectSocket(
  socket: dgram.Socket,
  to: Destination,
  target: { host: string; port: number },
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    socket.connect(to.port, to.address, (err?: Error) => {
      if (!err) return resolve();
      const ctx = { action: 'connect' as const, host: target.host, port: target.port };
      reject(new EndpointError(describeSocketError(err, ctx)));
    });
  });
}

/**
 * The address to hand a socket of `family`: an IPv4 address goes to a
 * dual-stack IPv6 socket as ::ffff:a.b.c.d; anything the socket cannot
 * reach is refused with a message saying how to bind instead.
 */
export function addressFor(
  found: { address: string; family: Family },
  family: Family,
  spec: { host: string; ipv6Only: boolean },
): string {
  if (family === 'IPv4') {
    if (found.family === 'IPv4') return found.address;
    const mapped = mappedIPv4(found.address);
    if (mapped) return mapped;
    throw new EndpointError(
      msg('udp.v4-socket-v6-target', { host: spec.host, address: found.address }),
      'wrong-state',
    );
  }
  if (found.family === 'IPv6') return found.address;
  if (spec.ipv6Only) {
    throw new EndpointError(msg('udp.v6only-v4-target', { address: found.address }), 'wrong-state');
  }
  return `::ffff:${found.address}`;
}
