import type { StateCreator } from 'zustand';
import type { WorkbenchState } from '../store';

/**
 * What the window knows of the workspace beyond its tabs: the recent
 * workspaces main can open again, and the Open workspace confirmation.
 */
export interface WorkspaceSlice {
  recentWorkspaces: Array<{ index: number; name: string }>;
  /** A tab to show once its endpoint has arrived (after a workspace replaced the tabs). */
  pendingActiveId: string | null;
  setRecentWorkspaces(list: Array<{ index: number; name: string }>): void;
}

export const createWorkspaceSlice: StateCreator<WorkbenchState, [], [], WorkspaceSlice> = (
  set,
) => ({
  recentWorkspaces: [],
  pendingActiveId: null,
  setRecentWorkspaces: (list) => set({ recentWorkspaces: list }),
});
