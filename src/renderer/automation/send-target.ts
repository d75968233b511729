import type { EndpointInfo } from '../../shared/contract';
import type { MessageRef } from '../../shared/messages/catalogue';

/**
 * Where automation on a connection sends: the peer chosen in "Send to" (a
 * server), or for UDP the typed destination; or why it cannot send yet.
 */
export interface SendTarget {
  resolve(): {
    peerId?: string;
    to?: { host: string; port: number };
    problem?: MessageRef;
  };
}

/** What the automation section and its sending panels are given: the connection, and where it sends. */
export interface AutomationPanelProps {
  endpoint: EndpointInfo;
  target: SendTarget;
}
