import { msg, type MessageRef } from '../../../shared/messages/catalogue';
import { formatHostPort } from '../../../shared/net/address';
import { describeSocketError, plain } from '../system-errors';

/**
 * The messages UDP needs beyond describeSocketError: datagram sizes,
 * broadcast permission, ICMP answers on a connected socket, group
 * membership. Anything else falls through to describeSocketError.
 */

function codeOf(err: unknown): string {
  return (err as NodeJS.ErrnoException | undefined)?.code ?? '';
}

export function oversized(bytes: number, family: 'IPv4' | 'IPv6', max: number): MessageRef {
  return msg('udp.oversized', { family, max, bytes });
}

/** A send failed: the message names the destination and, where it helps, the fix. */
export function describeSendError(
  err: unknown,
  to: { host: string; port: number },
  socket: { broadcast: boolean; connected: boolean; bytes: number },
): MessageRef {
  const where = formatHostPort(to.host, to.port);
  switch (codeOf(err)) {
    case 'EACCES':
      return socket.broadcast
        ? msg('udp.send-not-permitted', { where })
        : msg('udp.broadcast-needed', { where });
    case 'ECONNREFUSED':
      return icmpRefused(to);
    case 'EMSGSIZE':
      return msg('udp.too-large-for-path', { bytes: socket.bytes, where });
    case 'EISCONN':
      return msg('udp.connected-socket', { where });
    case 'ENETUNREACH':
      return msg(isMulticastHost(to.host) ? 'udp.no-route-multicast' : 'udp.no-route', { where });
    default:
      return describeSocketError(err, { action: 'send', host: to.host, port: to.port });
  }
}

/** What Linux reports on a connected UDP socket when the remote answered ICMP port unreachable. */
export function icmpRefused(to: { host: string; port: number }): MessageRef {
  return msg('udp.port-unreachable', { where: formatHostPort(to.host, to.port) });
}

/** On which interface a membership is: the one named, or the system's choice. */
export function scopeOf(iface: string | null): MessageRef {
  return iface ? msg('udp.scope.iface', { iface }) : msg('udp.scope.any', {});
}

export function describeMembershipError(
  err: unknown,
  action: 'join' | 'leave',
  group: string,
  iface: string | null,
): MessageRef {
  const scope = scopeOf(iface);
  const join = action === 'join';
  switch (codeOf(err)) {
    case 'EADDRINUSE':
      return msg('udp.group-already-joined', { group, scope });
    case 'EADDRNOTAVAIL':
      return join
        ? msg('udp.group-join-no-address', { group, scope })
        : msg('udp.group-not-joined', { group, scope });
    case 'ENODEV':
      return msg(join ? 'udp.group-join-no-interface' : 'udp.group-leave-no-interface', {
        group,
        iface: iface ?? '',
      });
    case 'EINVAL':
      return msg(join ? 'udp.group-join-refused' : 'udp.group-leave-refused', { group, scope });
    case 'ENOBUFS':
      return msg('udp.group-limit', { group, scope });
    default:
      return msg(join ? 'udp.group-join-failed' : 'udp.group-leave-failed', {
        group,
        scope,
        detail: plain(err),
      });
  }
}

/** A socket option the system refused; `value` true/false turns a switch on or off. */
export function describeOptionError(
  err: unknown,
  option: MessageRef,
  value: string | boolean,
): MessageRef {
  const detail = plain(err);
  if (value === true) return msg('udp.option-on-refused', { option, detail });
  if (value === false) return msg('udp.option-off-refused', { option, detail });
  return msg('udp.option-refused', { option, value, detail });
}

function isMulticastHost(host: string): boolean {
  return /^(22[4-9]|23\d)\./.test(host) || /^ff/i.test(host);
}
