/** Strings of the capture controls: the log's budget and capture to disk. */
export const captureEn = {
  'capture.budget': 'Log budget',
  'capture.budgetHint':
    'Memory the capture log may use; beyond it the oldest chunks are dropped (and counted).',
  'capture.used': '{used} of {budget} used, {chunks} chunks held',
  'capture.toDisk': 'Capture to disk',
  'capture.toDiskHint':
    'Streams every chunk of this connection to a pcapng file (Wireshark opens it) in {dir}',
  'capture.writing': 'Writing {path}: {bytes} in {chunks} chunks',
  'capture.wrote': 'Saved {path}: {bytes} in {chunks} chunks',
  'capture.missed': '{chunks} chunks / {bytes} bytes missed: the disk did not keep up',
} as const;

export const captureZh: Record<keyof typeof captureEn, string> = {
  'capture.budget': '日志上限',
  'capture.budgetHint': '抓包日志可使用的内存；超出后丢弃最早的数据块（并计数）。',
  'capture.used': '已用 {used} / {budget}，保留 {chunks} 块',
  'capture.toDisk': '保存到磁盘',
  'capture.toDiskHint': '把此连接的每个数据块写入 pcapng 文件（Wireshark 可打开），位于 {dir}',
  'capture.writing': '正在写入 {path}：{chunks} 块共 {bytes}',
  'capture.wrote': '已保存 {path}：{chunks} 块共 {bytes}',
  'capture.missed': '{chunks} 块 / {bytes} 字节未写入：磁盘跟不上',
};
