import type { ParamKind } from './catalogue';

/**
 * UDP: datagram sizes, sends the system refused, multicast groups (`scope`
 * is udp.scope.*: on which interface), socket options (`option` is
 * udp.option.*), interfaces, and the state lines of a bound socket.
 */
export const udpCatalogue = {
  'udp.oversized': { family: 'text', max: 'count', bytes: 'count' },
  'udp.send-not-permitted': { where: 'text' },
  'udp.broadcast-needed': { where: 'text' },
  'udp.port-unreachable': { where: 'text' },
  'udp.too-large-for-path': { bytes: 'count', where: 'text' },
  'udp.connected-socket': { where: 'text' },
  'udp.no-route': { where: 'text' },
  'udp.no-route-multicast': { where: 'text' },
  'udp.connected-only': { remote: 'text', where: 'text' },
  'udp.already-bound': { where: 'text' },
  'udp.socket-closed': { where: 'text' },
  'udp.peer-unknown': { peer: 'text' },
  'udp.nobody-yet': {},
  'udp.not-udp': { id: 'text' },
  'udp.v4-socket-v6-target': { host: 'text', address: 'text' },
  'udp.v6only-v4-target': { address: 'text' },
  // Multicast groups.
  'udp.scope.any': {},
  'udp.scope.iface': { iface: 'text' },
  'udp.group-already-joined': { group: 'text', scope: 'message' },
  'udp.group-not-joined': { group: 'text', scope: 'message' },
  'udp.group-join-no-address': { group: 'text', scope: 'message' },
  'udp.group-join-no-interface': { group: 'text', iface: 'text' },
  'udp.group-leave-no-interface': { group: 'text', iface: 'text' },
  'udp.group-join-refused': { group: 'text', scope: 'message' },
  'udp.group-leave-refused': { group: 'text', scope: 'message' },
  'udp.group-limit': { group: 'text', scope: 'message' },
  'udp.group-join-failed': { group: 'text', scope: 'message', detail: 'text' },
  'udp.group-leave-failed': { group: 'text', scope: 'message', detail: 'text' },
  'udp.group-family': { group: 'text', groupFamily: 'text', family: 'text', any: 'text' },
  'udp.joined': { group: 'text', scope: 'message' },
  'udp.left': { group: 'text', scope: 'message' },
  // Socket options.
  'udp.option.broadcast': {},
  'udp.option.ttl': {},
  'udp.option.hop-limit': {},
  'udp.option.multicast-ttl': {},
  'udp.option.multicast-hops': {},
  'udp.option.multicast-loopback': {},
  'udp.option.multicast-interface': {},
  'udp.option-refused': { option: 'message', value: 'text', detail: 'text' },
  'udp.option-on-refused': { option: 'message', detail: 'text' },
  'udp.option-off-refused': { option: 'message', detail: 'text' },
  // Interfaces.
  'udp.iface-v6-on-v4': { iface: 'text' },
  'udp.iface-v4-on-v6': { iface: 'text' },
  'udp.no-such-iface': { family: 'text', name: 'text' },
  'udp.no-such-iface-list': { family: 'text', name: 'text', names: 'text' },
  'udp.no-iface-with-address': { address: 'text' },
  // State lines.
  'state.bound': { where: 'text' },
  'state.bound-connected': { where: 'text', remote: 'text' },
  'state.closed-by-system': {},
} as const satisfies Record<string, Record<string, ParamKind>>;
