import { formatHostPort, unbracket } from '../../shared/net/address';

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * A test for the Host header of each request: the server answers only to
 * the names it was bound under, so a page that rebinds its own DNS name to
 * 127.0.0.1 (DNS rebinding) gets nothing from it, not even the page shell.
 * Bound to a wildcard address the machine's names cannot all be known, so
 * any Host is served there (the token still guards the page and the API).
 */
export function hostMatcher(
  boundHost: string,
  port: number,
): (host: string | undefined) => boolean {
  const bare = unbracket(boundHost.toLowerCase());
  if (WILDCARDS.has(bare)) return () => true;
  const names = new Set([formatHostPort(bare, port)]);
  if (bare === 'localhost' || bare === '::1' || bare.startsWith('127.')) {
    for (const name of LOOPBACK_NAMES) names.add(`${name}:${port}`);
  }
  // Port 80 may be left out of the Host header.
  if (port === 80) for (const name of [...names]) names.add(name.slice(0, name.lastIndexOf(':')));
  return (host) => host !== undefined && names.has(host.toLowerCase());
}
