import type { StateCreator } from 'zustand';
import type { WorkbenchState } from '../store';

/** Where the UDP panel's Send goes: typed by the person, kept per connection. */
export interface UdpDestination {
  host: string;
  port: string;
  /** Ignore host/port and answer whoever sent the last datagram. */
  replyToLast: boolean;
}

const EMPTY: UdpDestination = { host: '127.0.0.1', port: '', replyToLast: false };

export interface UdpDestinationsSlice {
  udpDestinations: Record<string, UdpDestination>;
  setUdpDestination(endpointId: string, change: Partial<UdpDestination>): void;
}

export const createUdpDestinationsSlice: StateCreator<
  WorkbenchState,
  [],
  [],
  UdpDestinationsSlice
> = (set) => ({
  udpDestinations: {},
  setUdpDestination: (endpointId, change) =>
    set((s) => ({
      udpDestinations: {
        ...s.udpDestinations,
        [endpointId]: { ...udpDestinationOf(s, endpointId), ...change },
      },
    })),
});

export function udpDestinationOf(
  state: Pick<WorkbenchState, 'udpDestinations'>,
  endpointId: string,
): UdpDestination {
  return state.udpDestinations[endpointId] ?? EMPTY;
}
