import type { Chunk, EndpointInfo, EventBatch, WirebenchEvent } from '../../shared/contract';
import { formatHostPort } from '../../shared/net/address';
import {
  addNotice,
  emptyLog,
  useWorkbench,
  VIEW_BYTE_LIMIT,
  VIEW_ROW_LIMIT,
  type LogView,
  type WorkbenchState,
} from './store';
import { oldestToDrop } from './trim-oldest';

/** Appends chunks to their tabs' views, skipping any already there (by seq). */
export function appendChunks(state: WorkbenchState, chunks: Chunk[]): Set<string> {
  const touched = new Set<string>();
  for (const chunk of chunks) {
    const log = (state.logs[chunk.endpointId] ??= emptyLog());
    if (chunk.seq <= log.lastSeq) continue;
    log.rows.push(chunk);
    log.heldBytes += chunk.data.byteLength;
    log.lastSeq = chunk.seq;
    touched.add(chunk.endpointId);
  }
  for (const id of touched) trim(state.logs[id] as LogView);
  return touched;
}

function trim(log: LogView): void {
  const drop = oldestToDrop(log.rows, log.heldBytes, VIEW_ROW_LIMIT, VIEW_BYTE_LIMIT);
  if (drop.count === 0) return;
  log.rows.splice(0, drop.count);
  log.heldBytes -= drop.bytes;
  log.trimmed = {
    chunks: log.trimmed.chunks + drop.count,
    bytes: log.trimmed.bytes + drop.bytes,
  };
}

/**
 * Applies one batch from the main process to the store. Rows are appended
 * in place (a million rows are never copied); `version` tells React.
 */
export function applyBatch(batch: EventBatch): void {
  useWorkbench.setState((prev) => {
    const state: WorkbenchState = {
      ...prev,
      endpoints: { ...prev.endpoints },
      logs: { ...prev.logs },
    };
    const touched = new Set<string>();
    for (const event of batch.events) applyEvent(state, event, touched);
    for (const id of touched) {
      const log = state.logs[id];
      if (log) state.logs[id] = { ...log, version: log.version + 1 };
    }
    return state;
  });
}

export function rememberPeers(state: WorkbenchState, endpoint: EndpointInfo): void {
  for (const p of endpoint.peers) {
    if (!state.peerNames[p.id]) {
      state.peerNames = { ...state.peerNames, [p.id]: formatHostPort(p.address, p.port) };
    }
  }
}

function applyEvent(state: WorkbenchState, event: WirebenchEvent, touched: Set<string>): void {
  switch (event.type) {
    case 'endpoint': {
      const id = event.endpoint.id;
      if (!state.endpoints[id]) {
        state.order = [...state.order, id];
        state.activeId ??= id;
      }
      state.endpoints[id] = event.endpoint;
      state.logs[id] ??= emptyLog();
      rememberPeers(state, event.endpoint);
      break;
    }
    case 'endpoint-removed': {
      const id = event.endpointId;
      delete state.endpoints[id];
      delete state.logs[id];
      const index = state.order.indexOf(id);
      state.order = state.order.filter((x) => x !== id);
      if (state.activeId === id) state.activeId = state.order[Math.max(0, index - 1)] ?? null;
      break;
    }
    case 'chunks':
      for (const id of appendChunks(state, event.chunks)) touched.add(id);
      break;
    case 'evicted':
    case 'skipped': {
      const log = (state.logs[event.endpointId] ??= emptyLog());
      const counter = event.type === 'evicted' ? log.evicted : log.skipped;
      counter.chunks += event.chunks;
      counter.bytes += event.bytes;
      touched.add(event.endpointId);
      break;
    }
    case 'notice':
      queueMicrotask(() => addNotice(event));
      break;
  }
}
