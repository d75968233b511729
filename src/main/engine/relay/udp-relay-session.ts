import dgram from 'node:dgram';
import { emptyCounters, type RelaySpec } from '../../../shared/contract';
import { msg, type MessageRef } from '../../../shared/messages/catalogue';
import { formatHostPort, isIPv6, unbracket } from '../../../shared/net/address';
import type { PeerRecord } from '../endpoint';
import { describeSocketError } from '../system-errors';

/** One device address and the relay's own socket toward the target on its behalf. */
export interface UdpSession {
  key: string;
  peer: PeerRecord;
  upstream: dgram.Socket;
  connected: boolean;
  /** The upstream socket could not connect: what the device sends now is dropped. */
  failed: boolean;
  /** Ended (forgotten, idle, made room, relay closed): nothing may be sent for it any more. */
  ended: boolean;
  /** Datagrams for the server that came before the upstream socket was ready. */
  waiting: Buffer[];
  waitingBytes: number;
  /** When a datagram last passed either way (ms, monotonic). */
  lastActive: number;
  /** The last failure said, so a refusing target does not repeat it for every datagram. */
  /** The last failure said (as JSON), so a storm of the same one is said once. */
  lastError: string | null;
}

export interface SessionEvents {
  fromServer(session: UdpSession, data: Buffer): void;
  connected(session: UdpSession): void;
  /** The upstream socket could not connect, or sending on it failed. */
  failed(session: UdpSession, message: MessageRef): void;
}

/** Opens the socket toward the target for a device first heard from `address:port`. */
export function openSession(
  spec: RelaySpec,
  device: { id: string; address: string; port: number; since: number; now: number },
  events: SessionEvents,
): UdpSession {
  const target = unbracket(spec.targetHost);
  const upstream = dgram.createSocket(isIPv6(target) ? 'udp6' : 'udp4');
  const session: UdpSession = {
    key: formatHostPort(device.address, device.port),
    peer: {
      id: device.id,
      address: device.address,
      port: device.port,
      since: device.since,
      state: 'connected',
      counters: emptyCounters(),
      relay: { upstream: null, upstreamState: 'connecting' },
    },
    upstream,
    connected: false,
    failed: false,
    ended: false,
    waiting: [],
    waitingBytes: 0,
    lastActive: device.now,
    lastError: null,
  };
  upstream.on('message', (msg) => {
    if (session.ended) return;
    session.lastError = null;
    events.fromServer(session, msg);
  });
  upstream.on('error', (err) => {
    if (session.ended) return;
    const reason = describeSocketError(err, {
      action: session.connected ? 'send' : 'connect',
      host: spec.targetHost,
      port: spec.targetPort,
    });
    if (!session.connected) {
      session.failed = true;
      session.peer.relay = { upstream: null, upstreamState: 'failed' };
    }
    const said = JSON.stringify(reason);
    if (said === session.lastError) return;
    session.lastError = said;
    events.failed(session, msg('relay.session-failed', { peer: session.key, reason }));
  });
  upstream.connect(spec.targetPort, target, () => {
    if (session.ended) return;
    session.connected = true;
    const local = upstream.address();
    session.peer.relay = {
      upstream: { address: local.address, port: local.port },
      upstreamState: 'connected',
    };
    events.connected(session);
  });
  return session;
}

/** Closes the session's socket; safe to call once it is already closed. */
export function closeSession(session: UdpSession): void {
  session.ended = true;
  session.peer.state = 'closed';
  session.waiting = [];
  session.waitingBytes = 0;
  try {
    session.upstream.close();
  } catch {
    // ERR_SOCKET_DGRAM_NOT_RUNNING: it was closed already.
  }
}
