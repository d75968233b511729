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
