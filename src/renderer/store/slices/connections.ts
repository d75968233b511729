import type { StateCreator } from 'zustand';
import type { EndpointInfo } from '../../../shared/contract';
import type { WorkbenchState } from '../store';

/** The connections the main process has, in tab order, and which one the window shows. */
export interface ConnectionsSlice {
  endpoints: Record<string, EndpointInfo>;
  order: string[];
  activeId: string | null;
  /** The New connection dialog is open. */
  dialogOpen: boolean;
  /** Counts Ctrl/Cmd+F presses: the shown connection's log find takes the focus on each. */
  findRequest: number;
  setActive(id: string | null): void;
  setDialogOpen(open: boolean): void;
  requestFind(): void;
}

export const createConnectionsSlice: StateCreator<WorkbenchState, [], [], ConnectionsSlice> = (
  set,
) => ({
  endpoints: {},
  order: [],
  activeId: null,
  dialogOpen: false,
  findRequest: 0,
  setActive: (id) => set({ activeId: id }),
  setDialogOpen: (open) => set({ dialogOpen: open }),
  requestFind: () => set((s) => ({ findRequest: s.findRequest + 1 })),
});

/** Connection state as `state` is being rebuilt from events (its maps already copied). */
type Draft = Pick<WorkbenchState, 'endpoints' | 'order' | 'activeId'>;

/** Takes in an endpoint's new state: a new one gets a tab (the first becomes the active one). */
export function putEndpoint(state: Draft, endpoint: EndpointInfo): void {
  const id = endpoint.id;
  if (!state.endpoints[id]) {
    if (!state.order.includes(id)) state.order = [...state.order, id];
    state.activeId ??= id;
  }
  state.endpoints[id] = endpoint;
}

/** Drops an endpoint's tab; the one before it (or the first) becomes active if it was. */
export function dropEndpoint(state: Draft, id: string): void {
  delete state.endpoints[id];
  const index = state.order.indexOf(id);
  state.order = state.order.filter((x) => x !== id);
  if (state.activeId === id) state.activeId = state.order[Math.max(0, index - 1)] ?? null;
}
