import { msg } from '../../shared/messages/catalogue';
import { EndpointError } from './system-errors';

interface Selectable {
  open: boolean;
}

/**
 * Which connections a send goes to: one named peer, 'all', or (when no peer
 * is named) the only one there is. Anything ambiguous is an error, never a guess.
 */
export function pickPeers<C extends Selectable>(
  connections: Map<string, C>,
  peerId: string | undefined,
  where: string,
): C[] {
  // A named peer is looked up, not searched for among thousands.
  if (peerId !== undefined && peerId !== 'all') {
    const conn = connections.get(peerId);
    if (!conn || !conn.open) {
      throw new EndpointError(msg('peer.not-connected', { peer: peerId, where }), 'not-found');
    }
    return [conn];
  }
  const open = [...connections.values()].filter((c) => c.open);
  if (peerId === 'all') {
    if (open.length === 0) throw new EndpointError(msg('peer.none', { where }), 'wrong-state');
    return open;
  }
  if (open.length === 1) return open;
  if (open.length === 0) throw new EndpointError(msg('peer.none', { where }), 'wrong-state');
  throw new EndpointError(msg('peer.choose', { count: open.length, where }), 'wrong-state');
}
