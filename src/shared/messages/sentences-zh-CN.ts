import { sentences } from './catalogue';

export const sentencesZhCN = sentences({
  'socket.address-in-use': '{host} 上的端口 {port} 已被占用',
  'socket.refused': '连接 {where} 被拒绝：那里没有程序在监听',
  'socket.timed-out': '连接 {where} 超时（{timeoutMs}）',
  'endpoint.already-open': '{where} 已经打开，请先关闭',
  'socket.dial-aborted': '与 {where} 的连接在建立之前就被关闭了',
});
