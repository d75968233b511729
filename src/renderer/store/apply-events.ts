import type { EndpointInfo, EventBatch, WirebenchEvent } from '../../shared/contract';
import { dropAutomation, putAutomationEvent } from './slices/automation';
import { dropEndpoint, putEndpoint } from './slices/connections';
import { emptyLive, noteChunks, noteLost } from './slices/log-live';
import { withScanStatus } from './slices/log-scans';
import { withNotice } from './slices/notices';
import { applyPeers, dropPeers } from './slices/peers';
import type { WorkbenchState } from './store';

/**
 * How what the main process says changes the store: pure functions from one
 * state to the next, run by the feed inside one store update each. The
 * log's events are news (something came, something was evicted, a scan
 * moved on): the row pagers read the rows themselves, a page at a time.
 */

/** A copy of the state whose per-connection maps may be changed in place. */
function draft(prev: WorkbenchState): WorkbenchState {
  return {
    ...prev,
    endpoints: { ...prev.endpoints },
    peers: { ...prev.peers },
    live: { ...prev.live },
  };
}

/** The state after one batch of events. */
export function afterBatch(prev: WorkbenchState, batch: EventBatch): WorkbenchState {
  const state = draft(prev);
  for (const event of batch.events) applyEvent(state, event);
  return state;
}

/**
 * The state after the first listing: every endpoint (their logs are paged when shown).
 * Peers are not listed here: the first batches of events bring them whole.
 */
export function afterSnapshot(prev: WorkbenchState, endpoints: EndpointInfo[]): WorkbenchState {
  const state = draft(prev);
  for (const endpoint of endpoints) {
    putEndpoint(state, endpoint);
    state.live[endpoint.id] ??= emptyLive();
  }
  state.activeId ??= state.order[0] ?? null;
  state.connected = true;
  return state;
}

/** A record without `id` (the same record when it has none). */
function without<T>(record: Record<string, T>, id: string): Record<string, T> {
  if (!(id in record)) return record;
  const { [id]: _gone, ...rest } = record;
  return rest;
}

function applyEvent(state: WorkbenchState, event: WirebenchEvent): void {
  switch (event.type) {
    case 'endpoint':
      putEndpoint(state, event.endpoint);
      state.live[event.endpoint.id] ??= emptyLive();
      break;
    case 'peers':
      applyPeers(state, event);
      break;
    case 'endpoint-removed': {
      const id = event.endpointId;
      dropEndpoint(state, id);
      dropAutomation(state, id);
      dropPeers(state, id);
      delete state.live[id];
      state.logUi = without(state.logUi, id);
      state.rowWindows = without(state.rowWindows, id);
      state.selectedRows = without(state.selectedRows, id);
      state.logScans = without(state.logScans, id);
      break;
    }
    case 'chunks':
      noteChunks(state.live, event.chunks);
      break;
    case 'evicted':
    case 'skipped':
      noteLost(state.live, event.endpointId, event, event.type === 'skipped');
      break;
    case 'log-scan': {
      const scans = state.logScans[event.endpointId];
      if (!scans) break;
      const { type: _type, ...status } = event;
      const next = withScanStatus(scans, status);
      if (next !== scans) state.logScans = { ...state.logScans, [event.endpointId]: next };
      break;
    }
    case 'notice':
      state.notices = withNotice(state.notices, {
        level: event.level,
        endpointId: event.endpointId,
        message: event.message,
      });
      break;
    case 'periodic':
    case 'auto-reply':
    case 'sequence':
      putAutomationEvent(state, event);
      break;
    case 'send-progress': {
      const { endpointId, sendId, sent, total, done } = event;
      state.sendProgress = {
        ...state.sendProgress,
        [endpointId]: done ? undefined : { sendId, sent, total },
      };
      break;
    }
  }
}
