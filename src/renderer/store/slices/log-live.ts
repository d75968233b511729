import type { StateCreator } from 'zustand';
import type { Chunk } from '../../../shared/contract';
import type { WorkbenchState } from '../store';

/** Peers a connection's live news remembers for the peer filter (the newest ones). */
export const LIVE_PEERS_MAX = 64;

/**
 * What the live events said about one connection's log: that something
 * came (and the newest seq heard of), what the window was not sent because
 * it was behind, and the peers seen. No bytes: the views read those from
 * the capture log a page at a time (store/log-pages/), and the Terminal
 * takes the live chunks as they pass (store/live-chunks.ts).
 */
export interface LiveLog {
  /** Bumped whenever the log may have changed: new chunks, skipped or evicted ones. */
  tick: number;
  /** The newest chunk seq heard of (-1 before the first). */
  lastSeq: number;
  /** Not delivered live because this window was behind; the views still page them from the log. */
  skipped: { chunks: number; bytes: number };
  /** Peers that sent or received a chunk this window heard of, the newest last. */
  peers: readonly string[];
}

export interface LogLiveSlice {
  live: Record<string, LiveLog>;
}

export const createLogLiveSlice: StateCreator<WorkbenchState, [], [], LogLiveSlice> = () => ({
  live: {},
});

export function emptyLive(): LiveLog {
  return { tick: 0, lastSeq: -1, skipped: { chunks: 0, bytes: 0 }, peers: [] };
}

/** Notes new chunks on their connections (in `live`, a map the caller already copied). */
export function noteChunks(live: Record<string, LiveLog>, chunks: readonly Chunk[]): void {
  let last: Chunk | undefined;
  let peers = new Set<string>();
  const flush = () => {
    if (!last) return;
    const prev = live[last.endpointId] ?? emptyLive();
    live[last.endpointId] = {
      ...prev,
      tick: prev.tick + 1,
      lastSeq: Math.max(prev.lastSeq, last.seq),
      peers: withPeers(prev.peers, peers),
    };
  };
  for (const chunk of chunks) {
    if (last && last.endpointId !== chunk.endpointId) {
      flush();
      peers = new Set();
    }
    peers.add(chunk.peerId);
    last = chunk;
  }
  flush();
}

/** The same list when nothing is new (most batches), else with the new peers last. */
function withPeers(list: readonly string[], seen: Set<string>): readonly string[] {
  let out: string[] | null = null;
  for (const p of seen) {
    if ((out ?? list).includes(p)) continue;
    out ??= [...list];
    out.push(p);
  }
  return out ? out.slice(-LIVE_PEERS_MAX) : list;
}

/** Notes that chunks were skipped (or evicted: `counted` false) on a connection. */
export function noteLost(
  live: Record<string, LiveLog>,
  endpointId: string,
  lost: { chunks: number; bytes: number },
  counted: boolean,
): void {
  const prev = live[endpointId] ?? emptyLive();
  live[endpointId] = {
    ...prev,
    tick: prev.tick + 1,
    skipped: counted
      ? { chunks: prev.skipped.chunks + lost.chunks, bytes: prev.skipped.bytes + lost.bytes }
      : prev.skipped,
  };
}
