import type { StateCreator } from 'zustand';
import type { EventOf } from '../../../shared/contract';
import { formatHostPort } from '../../../shared/net/address';
import { PeerRows } from '../peer-model/peer-rows';
import type { WorkbenchState } from '../store';

/**
 * An endpoint's peers as a view reads them. The rows are updated in place
 * (15,000 peers are never copied for one that changed); `version` changes
 * with every update, so a view that selects this object renders again.
 */
export interface PeerListView {
  rows: PeerRows;
  version: number;
}

/** Names of peers kept for log rows after the peer left; the oldest go first past this. */
export const PEER_NAMES_KEPT = 65_536;

export interface PeersSlice {
  /** Per endpoint: its live peers, from `peers` events. */
  peers: Record<string, PeerListView>;
  /**
   * Every peer seen (bounded), by id → host:port, so log rows still name a
   * peer that has gone. The map is updated in place; the holder is new
   * whenever a name was added.
   */
  peerNames: { map: Map<string, string> };
}

export const createPeersSlice: StateCreator<WorkbenchState, [], [], PeersSlice> = () => ({
  peers: {},
  peerNames: { map: new Map() },
});

const NO_PEERS: PeerListView = { rows: new PeerRows(), version: 0 };

export function peersOf(state: Pick<WorkbenchState, 'peers'>, endpointId: string): PeerListView {
  return state.peers[endpointId] ?? NO_PEERS;
}

type Draft = Pick<WorkbenchState, 'peers' | 'peerNames'>;

/** Takes in what changed among an endpoint's peers: O(changes), never O(peers). */
export function applyPeers(state: Draft, event: EventOf<'peers'>): void {
  const prev = state.peers[event.endpointId];
  const rows = prev?.rows ?? new PeerRows();
  if (event.full) rows.clear();
  for (const id of event.removed) rows.remove(id);
  let named = false;
  const names = state.peerNames.map;
  for (const p of event.changed) {
    rows.put(p);
    if (!names.has(p.id)) {
      names.set(p.id, formatHostPort(p.address, p.port));
      named = true;
    }
  }
  if (named) {
    // Oldest first: a Map iterates in insertion order.
    for (const id of names.keys()) {
      if (names.size <= PEER_NAMES_KEPT) break;
      names.delete(id);
    }
    state.peerNames = { map: names };
  }
  state.peers[event.endpointId] = { rows, version: (prev?.version ?? 0) + 1 };
}

export function dropPeers(state: Draft, endpointId: string): void {
  delete state.peers[endpointId];
}
