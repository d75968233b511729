import type { StateCreator } from 'zustand';
import type { ResultOf } from '../../../shared/contract';
import type { NetworkInterfaceInfo } from '../../../shared/contract/udp';
import type { WorkbenchState } from '../store';

/** What the window knows of the app it talks to. */
export interface SessionSlice {
  /** The first listing of endpoints and logs has arrived. */
  connected: boolean;
  appInfo: ResultOf<'appInfo'> | null;
  /** The machine's network interfaces, asked once per window (null: not yet). */
  networkInterfaces: NetworkInterfaceInfo[] | null;
  setConnected(connected: boolean): void;
  /** The capture log's budget changed (the log panel states it). */
  setLogBudget(bytes: number): void;
  setNetworkInterfaces(list: NetworkInterfaceInfo[]): void;
}

export const createSessionSlice: StateCreator<WorkbenchState, [], [], SessionSlice> = (set) => ({
  connected: false,
  appInfo: null,
  networkInterfaces: null,
  setConnected: (connected) => set({ connected }),
  setLogBudget: (bytes) =>
    set((s) => (s.appInfo ? { appInfo: { ...s.appInfo, logBudgetBytes: bytes } } : {})),
  setNetworkInterfaces: (list) => set({ networkInterfaces: list }),
});
