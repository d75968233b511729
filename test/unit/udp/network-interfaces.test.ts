import type os from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  listNetworkInterfaces,
  resolveMulticastInterface,
} from '../../../src/main/engine/udp/network-interfaces';
import { thrownEnglish } from '../../helpers/english';

const machine: NodeJS.Dict<os.NetworkInterfaceInfo[]> = {
  eth0: [
    {
      address: '192.0.2.2',
      netmask: '255.255.255.0',
      family: 'IPv4',
      mac: '',
      internal: false,
      cidr: null,
    },
    {
      address: 'fe80::1',
      netmask: 'ffff:ffff:ffff:ffff::',
      family: 'IPv6',
      mac: '',
      internal: false,
      cidr: null,
      scopeid: 2,
    },
  ],
  lo: [
    {
      address: '127.0.0.1',
      netmask: '255.0.0.0',
      family: 'IPv4',
      mac: '',
      internal: true,
      cidr: null,
    },
    {
      address: '::1',
      netmask: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      family: 'IPv6',
      mac: '',
      internal: true,
      cidr: null,
      scopeid: 0,
    },
  ],
};
const list = listNetworkInterfaces(machine);

describe('network interfaces', () => {
  it('lists every address, loopback first, with the IPv6 scope to join on', () => {
    expect(list.map((i) => `${i.name} ${i.address} ${i.family}`)).toEqual([
      'lo 127.0.0.1 IPv4',
      'lo ::1 IPv6',
      'eth0 192.0.2.2 IPv4',
      'eth0 fe80::1 IPv6',
    ]);
    expect(list[0]?.scope).toBe('::%lo');
  });

  it('turns a name into what the socket API wants for each family', () => {
    expect(resolveMulticastInterface('lo', 'IPv4', list)).toBe('127.0.0.1');
    expect(resolveMulticastInterface('eth0', 'IPv6', list)).toBe('::%eth0');
    expect(resolveMulticastInterface('fe80::1', 'IPv6', list)).toBe('::%eth0');
    expect(resolveMulticastInterface('192.0.2.2', 'IPv4', list)).toBe('192.0.2.2');
    expect(resolveMulticastInterface('::%3', 'IPv6', list)).toBe('::%3');
  });

  it('says what is wrong instead of guessing', () => {
    expect(thrownEnglish(() => resolveMulticastInterface('wlan0', 'IPv4', list))).toContain(
      'There is no IPv4 interface named "wlan0" on this machine (there is lo, eth0)',
    );
    expect(thrownEnglish(() => resolveMulticastInterface('::%lo', 'IPv4', list))).toContain(
      '"::%lo" is an IPv6 interface, but this socket is IPv4',
    );
    expect(thrownEnglish(() => resolveMulticastInterface('127.0.0.1', 'IPv6', list))).toContain(
      '"127.0.0.1" is an IPv4 address, but this socket is IPv6: choose an interface by name',
    );
  });
});
