import { create } from 'zustand';
import { hostProblem, portProblem } from '../../../shared/net/address';

/** Where the UDP panel's Send goes: typed by the person, kept per connection. */
export interface UdpDestination {
  host: string;
  port: string;
  /** Ignore host/port and answer whoever sent the last datagram. */
  replyToLast: boolean;
}

const EMPTY: UdpDestination = { host: '127.0.0.1', port: '', replyToLast: false };

const useDestinations = create<Record<string, UdpDestination>>(() => ({}));

export function useUdpDestination(endpointId: string): UdpDestination {
  return useDestinations((s) => s[endpointId] ?? EMPTY);
}

export function setUdpDestination(endpointId: string, change: Partial<UdpDestination>): void {
  useDestinations.setState((s) => ({ [endpointId]: { ...(s[endpointId] ?? EMPTY), ...change } }));
}

/** Why the typed destination cannot be used, or null. */
export function destinationProblem(d: UdpDestination): string | null {
  if (d.replyToLast) return null;
  return hostProblem(d.host.trim()) ?? portProblem(d.port, false);
}

/**
 * Where the payload editor's Send goes for a UDP connection: nowhere extra
 * for a connected socket or "reply to last sender" (the engine knows), else
 * the typed Remote host/port, or the reason it cannot be used.
 */
export function udpTarget(
  endpointId: string,
  connected: boolean,
): { to?: { host: string; port: number }; problem?: string } {
  const d = useDestinations.getState()[endpointId] ?? EMPTY;
  if (connected || d.replyToLast) return {};
  const problem = destinationProblem(d);
  if (problem) return { problem };
  return { to: { host: d.host.trim(), port: Number(d.port) } };
}
