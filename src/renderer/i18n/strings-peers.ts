/** The peer list, its search, and the peer picker of Send, in English and Simplified Chinese. */
export const peersEn = {
  'peers.find': 'Find a peer',
  'peers.findPlaceholder': 'address or port',
  'peers.matching': '{shown} of {total}',
  'peers.noMatch': 'No peer matches “{query}”.',
  'peers.more': '{count} more match: type more of the address',
  'peers.pickerHint': 'Type part of an address or port, then choose with the arrow keys and Enter',
  'peers.gone': '{name} (gone)',
  'peers.tlsMore': 'TLS details of the {shown} newest peers; {more} more are connected',
} as const;

export const peersZh: Record<keyof typeof peersEn, string> = {
  'peers.find': '查找对端',
  'peers.findPlaceholder': '地址或端口',
  'peers.matching': '共 {total} 个，显示 {shown} 个',
  'peers.noMatch': '没有对端匹配“{query}”。',
  'peers.more': '另有 {count} 个匹配：请输入更多地址',
  'peers.pickerHint': '输入地址或端口的一部分，然后用方向键和回车选择',
  'peers.gone': '{name}（已断开）',
  'peers.tlsMore': '显示最新 {shown} 个对端的 TLS 详情；另有 {more} 个已连接',
};
