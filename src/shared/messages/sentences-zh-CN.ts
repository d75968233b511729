import { sentences } from './catalogue';
import { automationSentencesZhCN } from './sentences-automation';

export const sentencesZhCN = sentences({
  ...automationSentencesZhCN,
  'socket.address-in-use': '{host} 上的端口 {port} 已被占用',
  'socket.refused': '连接 {where} 被拒绝：那里没有程序在监听',
  'socket.timed-out': '连接 {where} 超时（{timeoutMs}）',
});
