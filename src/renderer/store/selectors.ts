import { useCallback } from 'react';
import { useWorkbench, type WorkbenchState } from './store';

/**
 * Derived views that more than one feature reads. Each slice keeps its own
 * accessors beside it (logUiOf, draftOf, udpDestinationOf); the framed
 * messages are derived in the store's updates (slices/log-messages.ts).
 */

/** The desktop app, where main shows the system's file dialogs; otherwise the browser mode. */
export function isDesktop(state: WorkbenchState): boolean {
  return state.appInfo?.mode === 'electron';
}

/** How a log row names its peer: host:port as first seen (kept after it left), else its id. */
export function usePeerName(): (peerId: string) => string {
  const names = useWorkbench((s) => s.peerNames);
  return useCallback((peerId) => names.map.get(peerId) ?? peerId, [names]);
}
