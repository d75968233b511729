import type dgram from 'node:dgram';
import type { UdpDetails } from '../../../shared/contract/udp';
import { msg, type MessageRef } from '../../../shared/messages/catalogue';
import { isIPv4 } from '../../../shared/net/address';
import { resolveMulticastInterface } from './network-interfaces';
import { EndpointError } from '../system-errors';
import { describeMembershipError, describeOptionError } from './udp-errors';

export type Family = 'IPv4' | 'IPv6';

/** The socket options a person can change while the socket is open. */
export interface UdpOptionChanges {
  broadcast?: boolean;
  ttl?: number;
  multicastTtl?: number;
  multicastLoopback?: boolean;
  multicastInterface?: string;
}

interface Joined {
  group: string;
  /** As the person named it (`lo`), shown back to them. */
  iface: string | null;
  /** As the socket API wants it (`127.0.0.1`, `::%lo`). */
  resolved: string | undefined;
}

/**
 * A UDP socket's options and multicast memberships: applied to the live
 * socket one by one, each refusal said in a message, and remembered
 * so the UI shows what is in force. Options never set stay the system's
 * defaults (broadcast in particular is only ever enabled when asked).
 */
export class UdpOptions {
  broadcast = false;
  ttl: number | null = null;
  multicastTtl: number | null = null;
  multicastLoopback: boolean | null = null;
  multicastInterface: string | null = null;
  private readonly joined = new Map<string, Joined>();

  constructor(private readonly family: Family) {}

  /** Applies the changes in a fixed order; the first refusal stops and throws its message. */
  apply(socket: dgram.Socket, changes: UdpOptionChanges): void {
    if (changes.broadcast !== undefined) {
      // Off is the system default: only touch SO_BROADCAST when asked, or to undo it.
      if (changes.broadcast || this.broadcast) {
        this.set(msg('udp.option.broadcast', {}), changes.broadcast, () =>
          socket.setBroadcast(changes.broadcast === true),
        );
      }
      this.broadcast = changes.broadcast;
    }
    if (changes.ttl !== undefined) {
      const ttl = changes.ttl;
      const option = msg(this.family === 'IPv4' ? 'udp.option.ttl' : 'udp.option.hop-limit', {});
      this.set(option, String(ttl), () => socket.setTTL(ttl));
      this.ttl = ttl;
    }
    if (changes.multicastTtl !== undefined) {
      const ttl = changes.multicastTtl;
      const option = msg(
        this.family === 'IPv4' ? 'udp.option.multicast-ttl' : 'udp.option.multicast-hops',
        {},
      );
      this.set(option, String(ttl), () => socket.setMulticastTTL(ttl));
      this.multicastTtl = ttl;
    }
    if (changes.multicastLoopback !== undefined) {
      const loop = changes.multicastLoopback;
      this.set(msg('udp.option.multicast-loopback', {}), loop, () =>
        socket.setMulticastLoopback(loop),
      );
      this.multicastLoopback = loop;
    }
    if (changes.multicastInterface !== undefined) {
      const resolved = resolveMulticastInterface(changes.multicastInterface, this.family);
      this.set(msg('udp.option.multicast-interface', {}), changes.multicastInterface, () =>
        socket.setMulticastInterface(resolved),
      );
      this.multicastInterface = changes.multicastInterface;
    }
  }

  join(socket: dgram.Socket, group: string, iface: string | undefined): void {
    this.checkFamily(group);
    const key = membershipKey(group, iface);
    if (this.joined.has(key)) {
      throw new EndpointError(
        describeMembershipError({ code: 'EADDRINUSE' }, 'join', group, iface ?? null),
        'wrong-state',
      );
    }
    const resolved =
      iface === undefined ? undefined : resolveMulticastInterface(iface, this.family);
    try {
      socket.addMembership(group, resolved);
    } catch (err) {
      throw new EndpointError(describeMembershipError(err, 'join', group, iface ?? null));
    }
    this.joined.set(key, { group, iface: iface ?? null, resolved });
  }

  leave(socket: dgram.Socket, group: string, iface: string | undefined): void {
    const key = membershipKey(group, iface);
    const joined = this.joined.get(key);
    if (!joined) {
      throw new EndpointError(
        describeMembershipError({ code: 'EADDRNOTAVAIL' }, 'leave', group, iface ?? null),
        'not-found',
      );
    }
    try {
      socket.dropMembership(group, joined.resolved);
    } catch (err) {
      throw new EndpointError(describeMembershipError(err, 'leave', group, iface ?? null));
    }
    this.joined.delete(key);
  }

  /** The socket closed: the system dropped its memberships with it. */
  forgetMemberships(): void {
    this.joined.clear();
  }

  details(): Pick<
    UdpDetails,
    | 'broadcast'
    | 'ttl'
    | 'multicastTtl'
    | 'multicastLoopback'
    | 'multicastInterface'
    | 'memberships'
  > {
    return {
      broadcast: this.broadcast,
      ttl: this.ttl,
      multicastTtl: this.multicastTtl,
      multicastLoopback: this.multicastLoopback,
      multicastInterface: this.multicastInterface,
      memberships: [...this.joined.values()].map((j) => ({ group: j.group, iface: j.iface })),
    };
  }

  private checkFamily(group: string): void {
    const groupFamily: Family = isIPv4(group) ? 'IPv4' : 'IPv6';
    if (groupFamily !== this.family) {
      const any = groupFamily === 'IPv4' ? '0.0.0.0' : '::';
      throw new EndpointError(
        msg('udp.group-family', { group, groupFamily, family: this.family, any }),
        'wrong-state',
      );
    }
  }

  private set(option: MessageRef, value: string | boolean, apply: () => void): void {
    try {
      apply();
    } catch (err) {
      throw new EndpointError(describeOptionError(err, option, value));
    }
  }
}

function membershipKey(group: string, iface: string | undefined): string {
  return `${group.toLowerCase()}|${iface ?? ''}`;
}
