import type { PeerInfo } from '../../shared/contract';
import { formatHostPort, unmapIPv4 } from '../../shared/net/address';

/** What a peer is found by: host:port as shown, and an IPv4-mapped address as people write it. */
function matches(peer: PeerInfo, needle: string): boolean {
  const shown = formatHostPort(peer.address, peer.port).toLowerCase();
  if (shown.includes(needle)) return true;
  const plain = unmapIPv4(peer.address);
  return plain !== peer.address && `${plain}:${peer.port}`.includes(needle);
}

/** The peers whose address or port contains `query` (all of them for an empty one), in order. */
export function matchPeers(peers: readonly PeerInfo[], query: string): readonly PeerInfo[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return peers;
  return peers.filter((p) => matches(p, needle));
}

/** The first `max` matches, and how many match in all (a picker shows a few, and says the rest). */
export function firstMatches(
  peers: readonly PeerInfo[],
  query: string,
  max: number,
): { found: PeerInfo[]; total: number } {
  const needle = query.trim().toLowerCase();
  const found: PeerInfo[] = [];
  let total = 0;
  for (const p of peers) {
    if (needle !== '' && !matches(p, needle)) continue;
    if (found.length < max) found.push(p);
    total++;
  }
  return { found, total };
}
