import { create } from 'zustand';
import type { WirebenchApi } from '../../../shared/contract/api';
import type { Result } from '../../../shared/contract';
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
 * The send of a UDP connection: to the typed Remote host/port, or back to
 * the last sender; a connected socket always sends to its remote.
 */
export function sendUdp(
  api: WirebenchApi,
  endpointId: string,
  connected: boolean,
  data: Uint8Array,
): Promise<Result<unknown>> {
  const d = useDestinations.getState()[endpointId] ?? EMPTY;
  if (connected || d.replyToLast) return api.send({ endpointId, data });
  const problem = destinationProblem(d);
  if (problem) {
    return Promise.resolve({ ok: false, error: { code: 'invalid-request', message: problem } });
  }
  return api.sendTo({ endpointId, host: d.host.trim(), port: Number(d.port), data });
}
