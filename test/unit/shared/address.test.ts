import { describe, expect, it } from 'vitest';
import {
  formatHostPort,
  hostProblem as hostProblemRefs,
  isHostname,
  isIPv4,
  isIPv6,
  mappedIPv4,
  portProblem as portProblemRefs,
  unmapIPv4,
} from '../../../src/shared/net/address';
import { speaking } from '../../helpers/english';

/** What a person reads: the messages in English. */
const hostProblem = speaking(hostProblemRefs);
const portProblem = speaking(portProblemRefs);

/** The checks behind "validation as you type", shared by the form and the contract. */
describe('address checks', () => {
  it('IPv4: four parts of 0–255, no leading zeros', () => {
    for (const ok of ['0.0.0.0', '127.0.0.1', '255.255.255.255', '192.168.1.10']) {
      expect(isIPv4(ok), ok).toBe(true);
    }
    for (const bad of ['256.0.0.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.-1', ' 1.2.3.4', '']) {
      expect(isIPv4(bad), bad).toBe(false);
    }
  });

  it('IPv6: compressed, full, mapped IPv4 and zones', () => {
    for (const ok of [
      '::',
      '::1',
      'fe80::1%eth0',
      '2001:db8::8a2e:370:7334',
      '1:2:3:4:5:6:7:8',
      '::ffff:127.0.0.1',
    ]) {
      expect(isIPv6(ok), ok).toBe(true);
    }
    for (const bad of [
      ':::',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      'g::1',
      '::ffff:300.0.0.1',
      'fe80::1%bad zone',
      '12345::1',
    ]) {
      expect(isIPv6(bad), bad).toBe(false);
    }
  });

  it('host names: labels of letters, digits and dashes, not all-numeric', () => {
    expect(isHostname('localhost')).toBe(true);
    expect(isHostname('plc-7.factory.example.')).toBe(true);
    expect(isHostname('-bad.example')).toBe(false);
    expect(isHostname('bad-.example')).toBe(false);
    expect(isHostname('a'.repeat(64))).toBe(false);
    expect(isHostname('1.2.3.999')).toBe(false);
    expect(isHostname('a'.repeat(254))).toBe(false);
  });

  it('hostProblem explains what is wrong, and accepts bracketed IPv6', () => {
    expect(hostProblem('[::1]')).toBeNull();
    expect(hostProblem('')).toBe('Enter a host name or an address');
    expect(hostProblem(' 127.0.0.1')).toBe('The host has spaces around it');
    expect(hostProblem('300.1.1.1')).toBe(
      '"300.1.1.1" is not a host name, an IPv4 or an IPv6 address',
    );
  });

  it('portProblem: 0–65535, whole numbers, 0 only for listeners', () => {
    expect(portProblem('0')).toBeNull();
    expect(portProblem('65535')).toBeNull();
    expect(portProblem('65536')).toBe('Port 65536 is above 65535');
    expect(portProblem('-1')).toBe('"-1" is not a whole number');
    expect(portProblem('8o')).toBe('"8o" is not a whole number');
    expect(portProblem('')).toBe('Enter a port');
    expect(portProblem('0', false)).toBe('Port 0 only makes sense for a listener');
  });

  it('formatHostPort brackets IPv6 once', () => {
    expect(formatHostPort('127.0.0.1', 80)).toBe('127.0.0.1:80');
    expect(formatHostPort('::1', 80)).toBe('[::1]:80');
    expect(formatHostPort('[::1]', 80)).toBe('[::1]:80');
  });

  it('IPv4-mapped IPv6 addresses unmap to the IPv4 address people know; others stay as they are', () => {
    expect(mappedIPv4('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(mappedIPv4('::FFFF:10.0.0.5')).toBe('10.0.0.5');
    for (const other of [
      '127.0.0.1',
      '::1',
      '::ffff:7f00:1',
      'fe80::ffff:1.2.3.4',
      'ffff:1.2.3.4',
    ]) {
      expect(mappedIPv4(other), other).toBeNull();
      expect(unmapIPv4(other), other).toBe(other);
    }
    expect(unmapIPv4('::ffff:192.168.1.10')).toBe('192.168.1.10');
  });
});
