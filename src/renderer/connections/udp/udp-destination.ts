import type { MessageRef } from '../../../shared/messages/catalogue';
import { hostProblem, portProblem } from '../../../shared/net/address';
import { udpDestinationOf, useWorkbench, type UdpDestination } from '../../store/store';

/** Where the UDP panel's Send goes, as typed for this connection. */
export function useUdpDestination(endpointId: string): UdpDestination {
  return useWorkbench((s) => udpDestinationOf(s, endpointId));
}

/** Why the typed destination cannot be used, or null. */
export function destinationProblem(d: UdpDestination): MessageRef | null {
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
): { to?: { host: string; port: number }; problem?: MessageRef } {
  const d = udpDestinationOf(useWorkbench.getState(), endpointId);
  if (connected || d.replyToLast) return {};
  const problem = destinationProblem(d);
  if (problem) return { problem };
  return { to: { host: d.host.trim(), port: Number(d.port) } };
}
