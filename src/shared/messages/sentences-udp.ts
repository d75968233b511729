/** The sentences of catalogue-udp.ts in each language (see sentences-socket.ts). */

export const udpSentencesEn = {
  'udp.oversized':
    'A UDP datagram over {family} carries at most {max} bytes; this one has {bytes} bytes, so nothing was sent',
  'udp.send-not-permitted': 'The system did not allow sending to {where} (permission denied)',
  'udp.broadcast-needed':
    'Sending to {where} needs the broadcast permission: turn on "Allow broadcast" first',
  'udp.port-unreachable':
    '{where} answered "port unreachable" (ICMP): nothing is listening there for UDP',
  'udp.too-large-for-path':
    'The system refused a datagram of {bytes} bytes to {where} as too large for the path (EMSGSIZE)',
  'udp.connected-socket':
    'This UDP socket is connected, so it only sends to its connected remote, not to {where}',
  'udp.no-route': 'No route to {where} from this socket (network unreachable)',
  'udp.no-route-multicast':
    'No route to {where} from this socket (network unreachable): check the multicast interface',
  'udp.connected-only':
    'This UDP socket is connected to {remote}, so it only sends there, not to {where}',
  'udp.already-bound': 'Already bound to {where}',
  'udp.socket-closed': 'The UDP socket {where} is closed',
  'udp.peer-unknown': 'Peer {peer} is not known to this socket',
  'udp.nobody-yet':
    'Nobody has sent a datagram to this socket yet, so there is no one to reply to: enter a remote host and port',
  'udp.not-udp': 'Connection {id} is not a UDP socket',
  'udp.v4-socket-v6-target':
    'This socket is bound to IPv4 ({host}), so it cannot send to the IPv6 address {address}: bind to :: instead',
  'udp.v6only-v4-target':
    'This socket is IPv6 only, so it cannot send to the IPv4 address {address}',
  'udp.scope.any': 'on the interface the system picks',
  'udp.scope.iface': 'on {iface}',
  'udp.group-already-joined': 'Already a member of group {group} {scope}',
  'udp.group-not-joined': 'Not a member of group {group} {scope}',
  'udp.group-join-no-address':
    'Cannot join group {group} {scope}: the interface has no such address',
  'udp.group-join-no-interface': 'Cannot join group {group}: there is no interface {iface}',
  'udp.group-leave-no-interface': 'Cannot leave group {group}: there is no interface {iface}',
  'udp.group-join-refused':
    "The system refused to join group {group} {scope}: the group and the interface must be of the socket's family",
  'udp.group-leave-refused':
    "The system refused to leave group {group} {scope}: the group and the interface must be of the socket's family",
  'udp.group-limit':
    "Cannot join group {group} {scope}: the system's limit of groups per socket is reached",
  'udp.group-join-failed': 'Could not join group {group} {scope}: {detail}',
  'udp.group-leave-failed': 'Could not leave group {group} {scope}: {detail}',
  'udp.group-family':
    'Group {group} is {groupFamily}, but this socket is {family}: bind to {any} to join {groupFamily} groups',
  'udp.joined': 'Joined group {group} {scope}',
  'udp.left': 'Left group {group} {scope}',
  'udp.option.broadcast': 'broadcast permission',
  'udp.option.ttl': 'TTL',
  'udp.option.hop-limit': 'hop limit',
  'udp.option.multicast-ttl': 'multicast TTL',
  'udp.option.multicast-hops': 'multicast hop limit',
  'udp.option.multicast-loopback': 'multicast loopback',
  'udp.option.multicast-interface': 'multicast interface',
  'udp.option-refused': 'The system refused to set the {option} to {value}: {detail}',
  'udp.option-on-refused': 'The system refused to turn the {option} on: {detail}',
  'udp.option-off-refused': 'The system refused to turn the {option} off: {detail}',
  'udp.iface-v6-on-v4':
    '"{iface}" is an IPv6 interface, but this socket is IPv4: choose an IPv4 address or a name',
  'udp.iface-v4-on-v6':
    '"{iface}" is an IPv4 address, but this socket is IPv6: choose an interface by name',
  'udp.no-such-iface': 'There is no {family} interface named "{name}" on this machine',
  'udp.no-such-iface-list':
    'There is no {family} interface named "{name}" on this machine (there is {names})',
  'udp.no-iface-with-address': 'No interface of this machine has the address {address}',
  'state.bound': 'Bound to {where}',
  'state.bound-connected': 'Bound to {where}, connected to {remote}',
  'state.closed-by-system': 'The socket was closed by the system',
} as const;

export const udpSentencesZhCN = {
  'udp.oversized':
    '通过 {family} 的 UDP 数据报最多承载 {max} 字节；这个有 {bytes} 字节，因此没有发送',
  'udp.send-not-permitted': '系统不允许发送到 {where}（权限不足）',
  'udp.broadcast-needed': '发送到 {where} 需要广播权限：请先打开“允许广播”',
  'udp.port-unreachable': '{where} 回复了“端口不可达”（ICMP）：那里没有程序在监听 UDP',
  'udp.too-large-for-path':
    '系统拒绝了发往 {where} 的 {bytes} 字节数据报：对该路径来说太大（EMSGSIZE）',
  'udp.connected-socket': '这个 UDP 套接字已连接，只能发送到已连接的远端，不能发送到 {where}',
  'udp.no-route': '从这个套接字没有到 {where} 的路由（网络不可达）',
  'udp.no-route-multicast': '从这个套接字没有到 {where} 的路由（网络不可达）：请检查组播接口',
  'udp.connected-only': '这个 UDP 套接字已连接到 {remote}，只能发送到那里，不能发送到 {where}',
  'udp.already-bound': '已经绑定到 {where}',
  'udp.socket-closed': 'UDP 套接字 {where} 已关闭',
  'udp.peer-unknown': '这个套接字不认识对端 {peer}',
  'udp.nobody-yet': '还没有人向这个套接字发送过数据报，因此没有可回复的对象：请输入远端主机和端口',
  'udp.not-udp': '连接 {id} 不是 UDP 套接字',
  'udp.v4-socket-v6-target':
    '这个套接字绑定在 IPv4（{host}）上，不能发送到 IPv6 地址 {address}：请改为绑定到 ::',
  'udp.v6only-v4-target': '这个套接字仅限 IPv6，不能发送到 IPv4 地址 {address}',
  'udp.scope.any': '（由系统选择接口）',
  'udp.scope.iface': '（接口 {iface}）',
  'udp.group-already-joined': '已经是组 {group} 的成员{scope}',
  'udp.group-not-joined': '不是组 {group} 的成员{scope}',
  'udp.group-join-no-address': '无法加入组 {group}{scope}：该接口没有这个地址',
  'udp.group-join-no-interface': '无法加入组 {group}：没有接口 {iface}',
  'udp.group-leave-no-interface': '无法离开组 {group}：没有接口 {iface}',
  'udp.group-join-refused': '系统拒绝加入组 {group}{scope}：组和接口必须与套接字的地址族一致',
  'udp.group-leave-refused': '系统拒绝离开组 {group}{scope}：组和接口必须与套接字的地址族一致',
  'udp.group-limit': '无法加入组 {group}{scope}：已达到系统对每个套接字的组数上限',
  'udp.group-join-failed': '无法加入组 {group}{scope}：{detail}',
  'udp.group-leave-failed': '无法离开组 {group}{scope}：{detail}',
  'udp.group-family':
    '组 {group} 属于 {groupFamily}，而这个套接字是 {family}：要加入 {groupFamily} 组，请绑定到 {any}',
  'udp.joined': '已加入组 {group}{scope}',
  'udp.left': '已离开组 {group}{scope}',
  'udp.option.broadcast': '广播权限',
  // Latin names carry the spaces Chinese puts between them and the characters around.
  'udp.option.ttl': ' TTL ',
  'udp.option.hop-limit': '跳数限制',
  'udp.option.multicast-ttl': '组播 TTL ',
  'udp.option.multicast-hops': '组播跳数限制',
  'udp.option.multicast-loopback': '组播回环',
  'udp.option.multicast-interface': '组播接口',
  'udp.option-refused': '系统拒绝将{option}设为 {value}：{detail}',
  'udp.option-on-refused': '系统拒绝打开{option}：{detail}',
  'udp.option-off-refused': '系统拒绝关闭{option}：{detail}',
  'udp.iface-v6-on-v4': '“{iface}”是 IPv6 接口，而这个套接字是 IPv4：请选择一个 IPv4 地址或接口名',
  'udp.iface-v4-on-v6': '“{iface}”是 IPv4 地址，而这个套接字是 IPv6：请按名称选择接口',
  'udp.no-such-iface': '本机没有名为“{name}”的 {family} 接口',
  'udp.no-such-iface-list': '本机没有名为“{name}”的 {family} 接口（现有：{names}）',
  'udp.no-iface-with-address': '本机没有哪个接口的地址是 {address}',
  'state.bound': '已绑定到 {where}',
  'state.bound-connected': '已绑定到 {where}，已连接到 {remote}',
  'state.closed-by-system': '套接字被系统关闭',
} as const;
