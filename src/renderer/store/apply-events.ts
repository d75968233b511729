import type { EndpointInfo, EventBatch, ResultOf, WirebenchEvent } from '../../shared/contract';
import { dropAutomation, putAutomationEvent } from './slices/automation';
import { dropEndpoint, putEndpoint } from './slices/connections';
import { updatedView } from './slices/log-messages';
import { appendChunks, emptyLog } from './slices/log-rows';
import { logUiOf } from './slices/log-ui';
import { withNotice } from './slices/notices';
import type { WorkbenchState } from './store';

/**
 * How what the main process says changes the store: pure functions from one
 * state to the next, run by the feed inside one store update each. Rows are
 * appended in place (a million rows are never copied); a touched log gets a
 * new version and its messages are derived here, not when a view renders.
 */

/** A copy of the state whose per-connection maps may be changed in place. */
function draft(prev: WorkbenchState): WorkbenchState {
  return {
    ...prev,
    endpoints: { ...prev.endpoints },
    logs: { ...prev.logs },
    messages: { ...prev.messages },
  };
}

/** New versions for the touched logs, and their messages brought up to date. */
function settle(state: WorkbenchState, touched: Iterable<string>): WorkbenchState {
  for (const id of touched) {
    const log = state.logs[id];
    if (!log) continue;
    state.logs[id] = { ...log, version: log.version + 1 };
    state.messages[id] = updatedView(state.messages[id], logUiOf(state, id), log.rows);
  }
  return state;
}

/** The state after one batch of events. */
export function afterBatch(prev: WorkbenchState, batch: EventBatch): WorkbenchState {
  const state = draft(prev);
  const touched = new Set<string>();
  for (const event of batch.events) applyEvent(state, event, touched);
  return settle(state, touched);
}

/** The state after the first listing: every endpoint and what its log held. */
export function afterSnapshot(
  prev: WorkbenchState,
  endpoints: EndpointInfo[],
  reads: Array<ResultOf<'readLog'> | null>,
): WorkbenchState {
  const state = draft(prev);
  endpoints.forEach((endpoint, i) => {
    putEndpoint(state, endpoint);
    const log = (state.logs[endpoint.id] = emptyLog());
    const read = reads[i];
    if (read) {
      log.evicted = { chunks: read.droppedChunks, bytes: read.droppedBytes };
      appendChunks(state, read.chunks);
    }
  });
  state.activeId ??= state.order[0] ?? null;
  state.connected = true;
  return settle(
    state,
    endpoints.map((e) => e.id),
  );
}

function applyEvent(state: WorkbenchState, event: WirebenchEvent, touched: Set<string>): void {
  switch (event.type) {
    case 'endpoint': {
      const id = event.endpoint.id;
      putEndpoint(state, event.endpoint);
      if (!state.logs[id]) {
        state.logs[id] = emptyLog();
        touched.add(id);
      }
      break;
    }
    case 'endpoint-removed': {
      const id = event.endpointId;
      dropEndpoint(state, id);
      dropAutomation(state, id);
      delete state.logs[id];
      delete state.messages[id];
      touched.delete(id);
      if (state.logUi[id]) {
        const { [id]: _gone, ...rest } = state.logUi;
        state.logUi = rest;
      }
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
