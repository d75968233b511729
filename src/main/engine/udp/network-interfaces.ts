import os from 'node:os';
import type { NetworkInterfaceInfo } from '../../../shared/contract/udp';
import { msg, type MessageRef } from '../../../shared/messages/catalogue';
import { isIPv4, isIPv6 } from '../../../shared/net/address';
import { EndpointError } from '../system-errors';

/** Every address of every interface of this machine, loopback first. */
export function listNetworkInterfaces(
  source: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces(),
): NetworkInterfaceInfo[] {
  const out: NetworkInterfaceInfo[] = [];
  for (const [name, addresses] of Object.entries(source)) {
    for (const a of addresses ?? []) {
      // Node 18.0–18.3 reported the family as a number.
      const family = String(a.family) === '6' || a.family === 'IPv6' ? 'IPv6' : 'IPv4';
      out.push({
        name,
        address: a.address,
        family,
        internal: a.internal,
        netmask: a.netmask,
        scope: `::%${name}`,
      });
    }
  }
  return out.sort((x, y) => Number(y.internal) - Number(x.internal));
}

/**
 * What the socket API wants as a multicast interface, from what a person
 * typed: IPv4 takes one of the interface's addresses, IPv6 takes a scope
 * (`::%name`). A bare name (`lo`, `eth0`) is turned into the right one.
 */
export function resolveMulticastInterface(
  iface: string,
  family: 'IPv4' | 'IPv6',
  list: NetworkInterfaceInfo[] = listNetworkInterfaces(),
): string {
  if (family === 'IPv4') {
    if (isIPv4(iface)) return iface;
    if (iface.includes(':')) {
      throw new EndpointError(msg('udp.iface-v6-on-v4', { iface }), 'wrong-state');
    }
    const match = list.find((i) => i.name === iface && i.family === 'IPv4');
    if (match) return match.address;
    throw new EndpointError(noInterface(iface, 'IPv4', list), 'not-found');
  }
  if (iface.includes('%')) return iface;
  if (isIPv6(iface)) {
    const owner = list.find((i) => i.family === 'IPv6' && i.address === iface);
    if (owner) return `::%${owner.name}`;
    throw new EndpointError(msg('udp.no-iface-with-address', { address: iface }), 'not-found');
  }
  if (isIPv4(iface)) {
    throw new EndpointError(msg('udp.iface-v4-on-v6', { iface }), 'wrong-state');
  }
  if (list.some((i) => i.name === iface)) return `::%${iface}`;
  throw new EndpointError(noInterface(iface, 'IPv6', list), 'not-found');
}

function noInterface(name: string, family: string, list: NetworkInterfaceInfo[]): MessageRef {
  const names = [...new Set(list.filter((i) => i.family === family).map((i) => i.name))];
  return names.length
    ? msg('udp.no-such-iface-list', { family, name, names: names.join(', ') })
    : msg('udp.no-such-iface', { family, name });
}
