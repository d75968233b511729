/** The sentences of catalogue-relay.ts in each language (see sentences-socket.ts). */

export const relaySentencesEn = {
  'relay.direction.device-to-server': 'device → server',
  'relay.direction.server-to-device': 'server → device',
  'relay.queue-full':
    "The relay's {direction} queue is full ({limit} waiting out the latency); datagrams are dropped and counted until it drains",
  'relay.session-cap':
    'The relay serves at most {max} devices at once: each new device now ends the session of the least recently active one (sessions also end after {idleMs} without a datagram)',
  'relay.socket-error': 'Relay socket: {detail}',
  'relay.session-failed': 'Relay for {peer}: {reason}',
  'relay.conversation-failed': 'Relay {route}: {reason}',
  'relay.cannot-drop-tcp':
    'A TCP relay cannot drop part of a byte stream; use stall to hold it instead',
  'relay.cannot-stall-udp': 'A UDP relay drops datagrams instead of stalling',
  'relay.udp-no-connection': 'UDP has no connection to half-close or reset',
  'relay.conversation-not-open': 'Conversation {peer} is not open on this relay',
  'relay.no-device': 'No device is connected to this relay',
  'relay.device-unknown': 'Device {peer} is not known to this relay',
  'relay.not-a-relay': 'Connection {id} is not a relay',
  'state.relaying-tcp': 'Relaying TCP from {local} to {target}',
  'state.relaying-tls': 'Relaying TLS (terminated here) from {local} to {target}',
  'state.relaying-udp': 'Relaying UDP from {local} to {target}',
  'state.stopped-relaying': 'Stopped relaying',
} as const;

export const relaySentencesZhCN = {
  'relay.direction.device-to-server': '设备 → 服务器',
  'relay.direction.server-to-device': '服务器 → 设备',
  'relay.queue-full':
    '中继的“{direction}”队列已满（{limit} 正在等待延迟结束）；在队列排空之前，数据报会被丢弃并计数',
  'relay.session-cap':
    '中继最多同时服务 {max} 台设备：现在每来一台新设备，就会结束最久没有活动的那台设备的会话（{idleMs}内没有数据报的会话也会结束）',
  'relay.socket-error': '中继套接字：{detail}',
  'relay.session-failed': '{peer} 的中继：{reason}',
  'relay.conversation-failed': '中继 {route}：{reason}',
  'relay.cannot-drop-tcp': 'TCP 中继不能丢弃字节流的一部分；请改用暂停来截留数据',
  'relay.cannot-stall-udp': 'UDP 中继只能丢弃数据报，不能暂停',
  'relay.udp-no-connection': 'UDP 没有可以半关闭或重置的连接',
  'relay.conversation-not-open': '会话 {peer} 没有在这个中继上打开',
  'relay.no-device': '没有设备连接到这个中继',
  'relay.device-unknown': '这个中继不认识设备 {peer}',
  'relay.not-a-relay': '连接 {id} 不是中继',
  'state.relaying-tcp': '正在把 TCP 从 {local} 中继到 {target}',
  'state.relaying-tls': '正在把 TLS（在此终止）从 {local} 中继到 {target}',
  'state.relaying-udp': '正在把 UDP 从 {local} 中继到 {target}',
  'state.stopped-relaying': '已停止中继',
} as const;
