import { msg, type MessageRef } from '../messages/catalogue';

/**
 * Address and port checks shared by the contract (main process) and the
 * forms (renderer), so a field is judged the same way on both sides.
 */

const IPV4_PART = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${IPV4_PART}(\\.${IPV4_PART}){3}$`);
const HOSTNAME_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

export function isIPv4(text: string): boolean {
  return IPV4.test(text);
}

/** Accepts the textual IPv6 forms, with an optional zone (`fe80::1%eth0`). */
export function isIPv6(text: string): boolean {
  const [full = '', zone] = text.split('%', 2);
  if (zone !== undefined && !/^[A-Za-z0-9_.-]{1,32}$/.test(zone)) return false;
  let addr = full;
  // A trailing dotted quad (::ffff:127.0.0.1) stands for two groups.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(addr);
  if (dotted) {
    if (!isIPv4(dotted[2] ?? '')) return false;
    addr = `${dotted[1]}0:0`;
  }
  const halves = addr.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (![...head, ...tail].every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return halves.length === 1 ? head.length === 8 : head.length + tail.length <= 7;
}

export function isHostname(text: string): boolean {
  if (text.length === 0 || text.length > 253) return false;
  const labels = text.replace(/\.$/, '').split('.');
  // An all-numeric dotted name would be a malformed IPv4 address, not a name.
  if (labels.every((l) => /^\d+$/.test(l))) return false;
  return labels.every((l) => HOSTNAME_LABEL.test(l));
}

const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:127.0.0.1` → `127.0.0.1`), else null. */
export function mappedIPv4(address: string): string | null {
  return MAPPED_IPV4.exec(address)?.[1] ?? null;
}

/** An address as people know it: 127.0.0.1, not ::ffff:127.0.0.1; any other address as it is. */
export function unmapIPv4(address: string): string {
  return mappedIPv4(address) ?? address;
}

/** `[::1]` as typed by a person is `::1` to the socket API. */
export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Why `text` is not a usable host, or null when it is one. */
export function hostProblem(text: string): MessageRef | null {
  if (text.trim() === '') return msg('address.host-empty', {});
  if (text !== text.trim()) return msg('address.host-spaces', {});
  const bare = unbracket(text);
  if (isIPv4(bare) || isIPv6(bare) || isHostname(bare)) return null;
  return msg('address.host-invalid', { host: text.length > 80 ? `${text.slice(0, 80)}…` : text });
}

/** Why `text` is not a port in 0–65535, or null when it is one. */
export function portProblem(text: string, allowZero = true): MessageRef | null {
  if (text.trim() === '') return msg('address.port-empty', {});
  if (!/^\d+$/.test(text.trim())) return msg('address.port-not-number', { text });
  const port = Number(text);
  if (port > 65535) return msg('address.port-too-big', { port: text.trim() });
  if (port === 0 && !allowZero) return msg('address.port-zero', {});
  return null;
}

/** `host:port`, with IPv6 in brackets as people write it. */
export function formatHostPort(host: string, port: number): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** 224.0.0.0–239.255.255.255 or ff00::/8. */
export function isMulticastAddress(text: string): boolean {
  if (isIPv4(text)) {
    const first = Number(text.split('.')[0]);
    return first >= 224 && first <= 239;
  }
  return isIPv6(text) && /^ff/i.test(text);
}
