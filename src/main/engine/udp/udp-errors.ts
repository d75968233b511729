import { formatHostPort } from '../../../shared/net/address';
import { describeSocketError } from '../system-errors';

/**
 * The sentences UDP needs beyond describeSocketError: datagram sizes,
 * broadcast permission, ICMP answers on a connected socket, group
 * membership. Anything else falls through to describeSocketError.
 */

function codeOf(err: unknown): string {
  return (err as NodeJS.ErrnoException | undefined)?.code ?? '';
}

const count = (n: number): string => n.toLocaleString('en-US');

export function oversizedSentence(bytes: number, family: 'IPv4' | 'IPv6', max: number): string {
  return `A UDP datagram over ${family} carries at most ${count(max)} bytes; this one has ${count(bytes)} bytes, so nothing was sent`;
}

/** A send failed: the sentence names the destination and, where it helps, the fix. */
export function describeSendError(
  err: unknown,
  to: { host: string; port: number },
  socket: { broadcast: boolean; connected: boolean; bytes: number },
): string {
  const where = formatHostPort(to.host, to.port);
  switch (codeOf(err)) {
    case 'EACCES':
      return socket.broadcast
        ? `The system did not allow sending to ${where} (permission denied)`
        : `Sending to ${where} needs the broadcast permission: turn on "Allow broadcast" first`;
    case 'ECONNREFUSED':
      return icmpRefusedSentence(to);
    case 'EMSGSIZE':
      return `The system refused a datagram of ${count(socket.bytes)} bytes to ${where} as too large for the path (EMSGSIZE)`;
    case 'EISCONN':
      return `This UDP socket is connected, so it only sends to its connected remote, not to ${where}`;
    case 'ENETUNREACH':
      return `No route to ${where} from this socket (network unreachable)${isMulticastHost(to.host) ? ': check the multicast interface' : ''}`;
    default:
      return describeSocketError(err, { action: 'send', host: to.host, port: to.port });
  }
}

/** What Linux reports on a connected UDP socket when the remote answered ICMP port unreachable. */
export function icmpRefusedSentence(to: { host: string; port: number }): string {
  return `${formatHostPort(to.host, to.port)} answered "port unreachable" (ICMP): nothing is listening there for UDP`;
}

export function describeMembershipError(
  err: unknown,
  action: 'join' | 'leave',
  group: string,
  iface: string | null,
): string {
  const on = iface ? ` on ${iface}` : '';
  switch (codeOf(err)) {
    case 'EADDRINUSE':
      return `Already a member of group ${group}${on}`;
    case 'EADDRNOTAVAIL':
      return action === 'leave'
        ? `Not a member of group ${group}${on}`
        : `Cannot join group ${group}${on}: the interface has no such address`;
    case 'ENODEV':
      return `Cannot ${action} group ${group}: there is no interface ${iface ?? ''}`.trim();
    case 'EINVAL':
      return `The system refused to ${action} group ${group}${on}: the group and the interface must be of the socket's family`;
    case 'ENOBUFS':
      return `Cannot join group ${group}${on}: the system's limit of groups per socket is reached`;
    default:
      return `Could not ${action} group ${group}${on}: ${plainMessage(err)}`;
  }
}

/** A socket option the system refused, as a sentence. */
export function describeOptionError(err: unknown, option: string, value: string): string {
  return `The system refused to set the ${option} to ${value}: ${plainMessage(err)}`;
}

function isMulticastHost(host: string): boolean {
  return /^(22[4-9]|23\d)\./.test(host) || /^ff/i.test(host);
}

function plainMessage(err: unknown): string {
  return err instanceof Error ? err.message.replace(/^\w+ /, '') : String(err);
}
