import type { ParamKind } from './catalogue';

/**
 * Sockets and connections: what the system said (system-errors.ts), the
 * state line of each connection, peers, sends, file descriptors. `where` is
 * host:port as people write it ([::1]:80); `detail` is the system's own words.
 */
export const socketCatalogue = {
  // A system error, by errno.
  'socket.address-in-use': { host: 'text', port: 'int' },
  'socket.port-needs-admin': { host: 'text', port: 'int' },
  'socket.permission-denied': { where: 'text' },
  'socket.address-not-here': { host: 'text' },
  'socket.refused': { where: 'text' },
  'socket.timed-out': { where: 'text', timeoutMs: 'ms' },
  'socket.timed-out-plain': { where: 'text' },
  'socket.host-unreachable': { host: 'text' },
  'socket.network-unreachable': { host: 'text' },
  'socket.host-not-found': { host: 'text' },
  'socket.host-lookup-failed': { host: 'text' },
  'socket.reset': { where: 'text' },
  'socket.peer-gone': { where: 'text' },
  'socket.aborted': { where: 'text' },
  'socket.rejected': { where: 'text', detail: 'text' },
  'socket.listen-failed': { where: 'text', detail: 'text' },
  'socket.connect-failed': { where: 'text', detail: 'text' },
  'socket.send-failed': { where: 'text', detail: 'text' },
  'socket.receive-failed': { where: 'text', detail: 'text' },
  'socket.bind-failed': { where: 'text', detail: 'text' },
  'socket.listener-error': { detail: 'text' },
  'socket.dial-aborted': { where: 'text' },
  // File descriptors (accept-guard.ts).
  'socket.descriptors-short': { where: 'text', open: 'count', limit: 'count' },
  'socket.descriptors-short-nearly': { where: 'text', limit: 'count' },
  'socket.descriptors-short-unknown': { where: 'text' },
  'socket.descriptors-back': { where: 'text', refused: 'count' },
  // What a connection's state line says.
  'state.listening': { where: 'text' },
  'state.connecting': { where: 'text' },
  'state.connected': { where: 'text' },
  'state.peer-finished': { where: 'text' },
  'state.closed-by-you': {},
  'state.closed-by-peer': {},
  'state.stopped-listening': {},
  'state.stopped-listening-peers': { count: 'count' },
  // Requests about connections, peers and sends.
  'endpoint.not-found': { id: 'text' },
  'endpoint.listener-no-reconnect': {},
  'endpoint.failed-unexpectedly': { detail: 'text' },
  'endpoint.already-open': { where: 'text' },
  'client.not-connected': { where: 'text' },
  'client.not-this-peer': { peer: 'text' },
  'peer.finished': { where: 'text' },
  'peer.none': { where: 'text' },
  'peer.not-connected': { peer: 'text', where: 'text' },
  'peer.choose': { count: 'count', where: 'text' },
  'send.connection-closed': { where: 'text' },
  'send.already-running': { sendId: 'text' },
  'send.cancelled': { sent: 'count', total: 'count' },
} as const satisfies Record<string, Record<string, ParamKind>>;
