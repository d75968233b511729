/** Strings of the TCP options in "New connection", and of a listener's refusals. */
export const tcpEn = {
  'tcp.options': 'Options',
  'tcp.timeout': 'Timeout (ms)',
  'tcp.timeoutRange': 'The timeout must be 1–600000 ms',
  'tcp.localAddress': 'Local address',
  'tcp.localPort': 'Local port',
  'tcp.any': 'any',
  'tcp.noDelay': 'TCP_NODELAY (send small writes at once)',
  'tcp.keepAlive': 'Keep-alive',
  'tcp.autoReconnect': 'Reconnect automatically',
  'tcp.autoReconnectHint':
    'When the peer goes away, dial again by itself: after 0.5 s, then twice as long each time, up to 30 s. Close stops it.',
  'tcp.reconnectingIn': 'Reconnecting in {seconds} s… (attempt {attempt})',
  'tcp.reconnectingNow': 'Reconnecting now… (attempt {attempt})',
  'tcp.ipv6Only': 'IPv6 only (do not accept IPv4 on ::)',
  'tcp.refused': 'Refused',
  'tcp.refusedHint':
    'Connections this listener refused because Wirebench ran out of file descriptors (ulimit -n)',
  'tcp.backlog': 'Listen backlog',
  'tcp.backlogRange': 'The backlog must be 1–65535',
  'tcp.backlogShown': 'Backlog {backlog} (the system allows up to {max})',
  'tcp.backlogShownUnknown': 'Backlog {backlog}',
  'tcp.backlogCapped': 'Backlog {backlog}, capped by the system at {max} (net.core.somaxconn)',
  'tcp.backlogHint':
    'Connections the kernel completes and holds until Wirebench accepts them; the system allows at most {max}',
  'tcp.backlogHintUnknown':
    'Connections the kernel completes and holds until Wirebench accepts them',
} as const;

export const tcpZh: Record<keyof typeof tcpEn, string> = {
  'tcp.options': '选项',
  'tcp.timeout': '超时（毫秒）',
  'tcp.timeoutRange': '超时必须在 1–600000 毫秒之间',
  'tcp.localAddress': '本地地址',
  'tcp.localPort': '本地端口',
  'tcp.any': '任意',
  'tcp.noDelay': 'TCP_NODELAY（小数据立即发送）',
  'tcp.keepAlive': '保活',
  'tcp.autoReconnect': '自动重连',
  'tcp.autoReconnectHint':
    '对端断开后自动重新连接：先等 0.5 秒，之后每次加倍，最长 30 秒。点“关闭”停止。',
  'tcp.reconnectingIn': '{seconds} 秒后重连…（第 {attempt} 次）',
  'tcp.reconnectingNow': '正在重连…（第 {attempt} 次）',
  'tcp.ipv6Only': '仅 IPv6（:: 上不接受 IPv4）',
  'tcp.refused': '已拒绝',
  'tcp.refusedHint': '因 Wirebench 的文件描述符用尽（ulimit -n）而被此监听拒绝的连接',
  'tcp.backlog': '监听队列长度（backlog）',
  'tcp.backlogRange': '监听队列长度必须在 1–65535 之间',
  'tcp.backlogShown': '监听队列 {backlog}（系统最多允许 {max}）',
  'tcp.backlogShownUnknown': '监听队列 {backlog}',
  'tcp.backlogCapped': '监听队列 {backlog}，被系统限制为 {max}（net.core.somaxconn）',
  'tcp.backlogHint': '内核已完成握手、等待 Wirebench 接受的连接数；系统最多允许 {max}',
  'tcp.backlogHintUnknown': '内核已完成握手、等待 Wirebench 接受的连接数',
};
